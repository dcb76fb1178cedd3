import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AppError } from '../shared/errors.ts';
import { SharedBrowser } from './browser.ts';
import { kindList } from './kinds.ts';
import { firstPageToPng, pdfFontTypes, pdfPageCount } from './pdf-tools.ts';
import { ChromiumPdfRenderer } from './renderer.ts';
import { chineseDateUpper, renderHtml, sampleData } from './templates.ts';

const artifacts = 'test-artifacts/documents';

describe('document rendering with real Chromium', function () {
  this.timeout(120_000);
  const browser = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const renderer = new ChromiumPdfRenderer(browser);
  before(() => mkdirSync(artifacts, { recursive: true }));
  after(async () => {
    await renderer.close();
    await browser.close();
  });

  for (const kind of kindList) {
    it(`renders the ${kind} sample to a one-page A4 PDF with only CID TrueType fonts`, async () => {
      const pdf = await renderer.render(renderHtml(kind, sampleData(kind)));
      expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      const file = `${artifacts}/${kind}.pdf`;
      writeFileSync(file, pdf);
      const fonts = await pdfFontTypes(file);
      expect(fonts.length, 'fonts in the PDF').to.be.greaterThan(0);
      expect(fonts.filter((f) => f.type !== 'CID TrueType'), 'fonts that are not CID TrueType').to.deep.equal([]);
      expect(await pdfPageCount(file)).to.equal(1);
      await firstPageToPng(file, `${artifacts}/${kind}`);
    });
  }

  it('renders six documents at once on no more than two reused pages', async () => {
    const kinds = ['receipt', 'acceptance', 'correction', 'refusal', 'licenceGrant', 'certificate'] as const;
    const pdfs = await Promise.all(kinds.map((kind) => renderer.render(renderHtml(kind, sampleData(kind)))));
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const pages = await (await browser.get()).pages();
    // the pool's two pages plus the blank tab Chromium opens at launch
    expect(pages.length).to.be.at.most(3);
  });

  it('relaunches Chromium and replaces the pool pages when the browser dies', async () => {
    await renderer.render(renderHtml('receipt', sampleData('receipt')));
    const first = await browser.get();
    const gone = new Promise((resolve) => first.once('disconnected', resolve));
    first.process()?.kill('SIGKILL');
    await gone;
    const pdf = await renderer.render(renderHtml('receipt', sampleData('receipt')));
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(await browser.get()).not.to.equal(first);
  });

  it('escapes HTML in the data: a name cannot inject markup', () => {
    const data = { ...sampleData('refusal'), applicant: { name: '<img src="http://127.0.0.1:1/x">张三</b>' } };
    const html = renderHtml('refusal', data);
    expect(html).to.contain('&lt;img src&#x3D;&quot;http://127.0.0.1:1/x&quot;&gt;张三&lt;/b&gt;');
    expect(html).not.to.contain('<img src="http://127.0.0.1:1/x">');
  });

  it('refuses data missing a field the template needs (strict mode) with a 400 naming the field', () => {
    const refused = (change: (data: Record<string, unknown>) => void) => {
      const data = sampleData('acceptance');
      change(data);
      try {
        renderHtml('acceptance', data);
      } catch (error) {
        expect(error).to.be.instanceOf(AppError);
        expect((error as AppError).code).to.equal('DOCUMENT_DATA_INCOMPLETE');
        return (error as AppError).fields?.[0].field;
      }
      return expect.fail('rendered with a field missing');
    };
    expect(refused((d) => delete d.legalBasis)).to.equal('data.legalBasis');
    expect(refused((d) => delete d.applicant)).to.match(/^data\./);
    expect(refused((d) => delete d.promisedDueDate)).to.match(/^data\.date \(line \d+\)$/);
  });

  it('writes the date under the seal in Chinese numerals', () => {
    expect(chineseDateUpper('2026-09-18')).to.equal('二〇二六年九月十八日');
    expect(chineseDateUpper('2026-10-20')).to.equal('二〇二六年十月二十日');
    expect(chineseDateUpper('2026-12-31')).to.equal('二〇二六年十二月三十一日');
  });
});

import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharedBrowser } from './browser.ts';
import { pdfText } from './pdf-tools.ts';
import { ChromiumPdfRenderer } from './renderer.ts';
import { defaultTemplateDir, loadTemplates, sampleData } from './templates.ts';

/** Every way a page can ask for a URL without JavaScript, pointed at `base`. */
const hostileMarkup = (base: string) => `
  <img src="${base}/img">
  <link rel="stylesheet" href="${base}/css">
  <style>@import url("${base}/import"); body { background: url("${base}/bg"); }
    @font-face { font-family: X; src: url("${base}/font"); } p { font-family: X; }</style>
  <iframe src="${base}/iframe"></iframe>
  <object data="${base}/object"></object>
  <video poster="${base}/poster"></video>
  <svg><image href="${base}/svg-image" width="10" height="10"/></svg>
  <iframe src="file:///etc/hostname"></iframe>`;

describe('rendering never reaches the network', function () {
  this.timeout(60_000);
  const requests: string[] = [];
  let server: Server;
  let base: string;
  let templateDir: string;
  const refused: string[] = [];
  const browser = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const renderer = new ChromiumPdfRenderer(browser, { onRefused: (url) => refused.push(url) });

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // a copy of the shipped templates with one turned hostile (templates are data)
    templateDir = mkdtempSync(join(tmpdir(), 'ow-templates-'));
    cpSync(defaultTemplateDir, templateDir, { recursive: true });
    writeFileSync(join(templateDir, 'receipt/template.hbs'), `<p>{{applicant.name}}</p>${hostileMarkup(base)}`);
  });
  after(async () => {
    await renderer.close();
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(templateDir, { recursive: true, force: true });
  });

  it('checks that the local server answers, so silence below means something', async () => {
    const res = await fetch(`${base}/probe`);
    expect(await res.text()).to.equal('x');
    expect(requests).to.deep.equal(['/probe']);
    requests.length = 0;
  });

  it('sends no request from a hostile template (img, link, css url, @import, font, iframe, object, svg, file:)', async () => {
    const html = loadTemplates(templateDir).render('receipt', sampleData('receipt'));
    const pdf = await renderer.render(html);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).to.deep.equal([]);
  });

  it('refuses the requests by interception even on a page without the CSP', async () => {
    // a fresh pool: a page keeps the CSP of an earlier document (document.open keeps the window)
    const bare = new ChromiumPdfRenderer(browser, { onRefused: (url) => refused.push(url) });
    refused.length = 0;
    const pdf = await bare.render(`<!doctype html><html><body><p>无 CSP</p>${hostileMarkup(base)}</body></html>`);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).to.deep.equal([]);
    expect(refused.some((url) => url.startsWith(`${base}/img`)), `refused: ${refused.join(' ')}`).to.equal(true);
    // file: is refused before any request exists (about:blank may not load local resources)
    const text = await pdfText(pdf);
    expect(text).to.contain('无 CSP');
    expect(text).not.to.contain(readFileSync('/etc/hostname', 'utf8').trim());
    await bare.close();
  });

  it('lets no meta refresh navigate to the network; a page that tries is discarded', async () => {
    const html = `<!doctype html><html><head><meta http-equiv="refresh" content="0; url=${base}/refresh"></head><body><p>跳转</p></body></html>`;
    for (let i = 0; i < 3; i++) await renderer.render(html).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).to.deep.equal([]);
    expect(refused.some((url) => url.startsWith(`${base}/refresh`)), `refused: ${refused.join(' ')}`).to.equal(true);
  });

  it('keeps rendering after hostile pages (a failed page is replaced)', async () => {
    const html = loadTemplates().render('refusal', sampleData('refusal'));
    const pdf = await renderer.render(html);
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  });
});

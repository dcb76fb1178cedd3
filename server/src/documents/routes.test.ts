import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { SharedBrowser } from './browser.ts';
import { CODE_ALPHABET } from './codes.ts';
import { issuedDocumentModel } from './model.ts';
import { ChromiumPdfRenderer } from './renderer.ts';
import { DocumentService } from './service.ts';
import { sampleData } from './templates.ts';

const pdfParser = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('issued documents: storage, PDF download and public verification', function () {
  this.timeout(60_000);
  let t: TestApp;
  let clerk: string;
  let director: string;
  let service: DocumentService;
  const browser = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  before(async () => {
    t = await startTestApp('documents');
    clerk = await t.signIn('clerk');
    director = await t.signIn('director');
    service = new DocumentService({ db: t.db, renderer: new ChromiumPdfRenderer(browser), publicBaseUrl: 'https://zwfw.example.gov.cn' });
  });
  after(async () => {
    await browser.close();
    await t.close();
  });

  it('stores an issued notice with its SHA-256 and a 10-character unambiguous code', async () => {
    const issued = await service.issue({ kind: 'acceptance', data: sampleData('acceptance'), ref: { caseNumber: 'ZW20260918-0007', departmentCode: 'scj' }, issuedBy: 'clerk' });
    expect(issued.verificationCode).to.match(new RegExp(`^[${CODE_ALPHABET}]{10}$`));
    const stored = await issuedDocumentModel(t.db).findById(issued.documentId).lean();
    expect(stored).to.include({ kind: 'acceptance', caseNumber: 'ZW20260918-0007', code: issued.verificationCode, issuedBy: 'clerk', issuedOn: '2026-09-18' });
    expect(stored!.ref).to.deep.equal({ departmentCode: 'scj' });
    expect(stored!.sha256).to.equal(issued.sha256);
  });

  it('serves the PDF byte for byte to a user who may read it, and its hash matches the record', async () => {
    // a document of no case is read as a Document: the director reads every one (access.test.ts has the cases)
    const issued = await service.issue({ kind: 'refusal', data: sampleData('refusal'), issuedBy: 'clerk' });
    expect((await t.http.get(`/api/documents/${issued.documentId}/pdf`).auth(clerk, { type: 'bearer' })).status, 'the clerk received no case of it').to.equal(404);
    const res = await t.http.get(`/api/documents/${issued.documentId}/pdf`).auth(director, { type: 'bearer' }).buffer(true).parse(pdfParser as never);
    expect(res.status).to.equal(200);
    expect(res.type).to.equal('application/pdf');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(createHash('sha256').update(body).digest('hex')).to.equal(issued.sha256);
    const meta = await t.http.get(`/api/documents/${issued.documentId}`).auth(director, { type: 'bearer' });
    expect(meta.status).to.equal(200);
    expect(meta.body).to.include({ id: issued.documentId, kind: 'refusal', code: issued.verificationCode, sha256: issued.sha256, size: body.length });
    expect(meta.body).not.to.have.property('pdf');
    const anonymous = await t.http.get(`/api/documents/${issued.documentId}/pdf`);
    expect(anonymous.status).to.equal(401);
    const missing = await t.http.get('/api/documents/0123456789abcdef01234567/pdf').auth(director, { type: 'bearer' });
    expect(missing.status).to.equal(404);
  });

  it('prints the code on the document and a QR code on a certificate', async () => {
    const issued = await service.issue({ kind: 'certificate', data: sampleData('certificate'), issuedBy: 'issuer' });
    const doc = await service.get(issued.documentId);
    expect(doc.size).to.equal(doc.pdf.length);
    const { pdfText } = await import('./pdf-tools.ts');
    const text = await pdfText(doc.pdf);
    expect(text).to.contain(issued.verificationCode);
    expect(text).to.contain('https://zwfw.example.gov.cn/verify');
    // the QR code is an embedded image (the sample's 1-pixel placeholder is replaced)
    expect(doc.pdf.toString('latin1')).to.match(/\/Subtype\s*\/Image/);
  });

  it('tells the public that a code is genuine with kind, date and hash, and nothing personal', async () => {
    const issued = await service.issue({ kind: 'correction', data: sampleData('correction'), ref: { caseNumber: 'ZW20260922-0003' }, issuedBy: 'clerk' });
    const res = await t.http.get(`/api/public/documents/verify/${issued.verificationCode.toLowerCase()}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ code: issued.verificationCode, genuine: true, kind: 'correction', kindZh: '补正材料通知书', issuedOn: '2026-09-22', sha256: issued.sha256 });
    expect(Object.keys(res.body).sort()).to.deep.equal(['code', 'genuine', 'issuedAt', 'issuedOn', 'kind', 'kindZh', 'sha256']);
    expect(JSON.stringify(res.body)).not.to.contain('马建国');
  });

  it('answers an unknown code as not genuine and a malformed one with 400', async () => {
    const unknown = await t.http.get('/api/public/documents/verify/2222222222');
    expect(unknown.status).to.equal(200);
    expect(unknown.body).to.deep.equal({ code: '2222222222', genuine: false });
    const malformed = await t.http.get('/api/public/documents/verify/O0I1L');
    expect(malformed.status).to.equal(400);
    expect(malformed.type).to.equal('application/problem+json');
  });

  it('refuses a second document with the same code (unique index)', async () => {
    const model = issuedDocumentModel(t.db);
    await model.init();
    const base = { kind: 'receipt' as const, sha256: 'a'.repeat(64), issuedAt: new Date(), issuedOn: '2026-09-18', issuedBy: 'clerk', size: 1, pdf: Buffer.from('x') };
    await model.create({ ...base, code: 'ABCDEFGHJK' });
    let code: number | undefined;
    await model.create({ ...base, code: 'ABCDEFGHJK' }).catch((error: { code?: number }) => { code = error.code; });
    expect(code).to.equal(11000);
  });

  it('refuses an unknown document kind before rendering anything', async () => {
    const before = await issuedDocumentModel(t.db).countDocuments({});
    let status: number | undefined;
    await service.issue({ kind: 'constructor', data: {}, issuedBy: 'clerk' }).catch((error: { status?: number }) => { status = error.status; });
    expect(status).to.equal(400);
    expect(await issuedDocumentModel(t.db).countDocuments({})).to.equal(before);
  });
});

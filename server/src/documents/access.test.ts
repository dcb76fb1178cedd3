import { expect } from 'chai';
import { caseModel } from '../intake/index.ts';
import { startHall, type TestHall } from '../../test/hall.ts';

const company = { kind: 'organisation', name: '中卫市沙坡头区云杉餐饮有限公司', uscc: '1164050064050037XR' };
const contact = { name: '马建国', phone: '13912342866' };

/**
 * Issue 10 (Security): an approver of 公安 read the receipt and acceptance notice of a 市场监管 case
 * by id, and so did the system admin. A document is exactly as visible as its case.
 */
describe('issued documents are as visible as the case they belong to', function () {
  this.timeout(120_000);
  let t: TestHall;
  const token: Record<string, string> = {};
  let documents: Array<{ kind: string; documentId: string }> = [];

  before(async () => {
    t = await startHall('doc_access');
    for (const who of ['clerk', 'approver.scj', 'approver.gaj', 'sysadmin', 'director', 'issuer', 'admin.zjj', 'hotline', 'designer']) token[who] = await t.signIn(who);
    const matter = await t.http.get('/api/matters/scj_sp').auth(token.clerk, { type: 'bearer' });
    const materials = (matter.body.materials as Array<{ name: string }>).map((m) => ({ name: m.name, provided: true }));
    const res = await t.http.post('/api/cases').auth(token.clerk, { type: 'bearer' })
      .send({ matterCode: 'scj_sp', applicant: company, contact, materials, decision: { outcome: 'accept' } });
    expect(res.status, res.text).to.equal(201);
    documents = res.body.documents;
    expect(documents.map((d) => d.kind)).to.include.members(['receipt', 'acceptance']);
  });
  after(() => t?.close());

  const fetch = (who: string, id: string, pdf: boolean) => t.http.get(`/api/documents/${id}${pdf ? '/pdf' : ''}`).auth(token[who], { type: 'bearer' });

  for (const who of ['approver.gaj', 'issuer']) {
    it(`answers ${who}, who may not read the case, 404 for the record and the PDF of each of its documents`, async () => {
      for (const doc of documents) {
        for (const pdf of [false, true]) {
          const res = await fetch(who, doc.documentId, pdf);
          expect(res.status, `${who} ${doc.kind} ${pdf ? 'pdf' : 'record'}`).to.equal(404);
          expect(res.type).to.equal('application/problem+json');
          expect(res.text).not.to.contain(company.name);
        }
      }
    });
  }

  for (const who of ['sysadmin', 'admin.zjj', 'hotline', 'designer']) {
    it(`answers ${who}, who may read no document at all, 403 for every document id, issued or not (route guard)`, async () => {
      for (const id of [...documents.map((d) => d.documentId), '0123456789abcdef01234567']) {
        for (const pdf of [false, true]) {
          const res = await fetch(who, id, pdf);
          expect([res.status, res.type, res.body.code], `${who} ${id} ${pdf ? 'pdf' : 'record'}`).to.deep.equal([403, 'application/problem+json', 'FORBIDDEN']);
          expect(res.text).not.to.contain(company.name);
        }
      }
    });
  }

  for (const who of ['clerk', 'approver.scj', 'director']) {
    it(`serves ${who}, who may read the case, the record and the PDF of each of its documents`, async () => {
      for (const doc of documents) {
        expect((await fetch(who, doc.documentId, false)).status, `${who} ${doc.kind}`).to.equal(200);
        expect((await fetch(who, doc.documentId, true)).status, `${who} ${doc.kind} pdf`).to.equal(200);
      }
    });
  }

  it('answers a case the user may not read as one that does not exist (404, not 403), so case numbers cannot be probed', async () => {
    const caseNumber = (await t.http.get('/api/cases').auth(token.clerk, { type: 'bearer' })).body.items[0].caseNumber as string;
    const hidden = await t.http.get(`/api/cases/${caseNumber}`).auth(token['approver.gaj'], { type: 'bearer' });
    const missing = await t.http.get('/api/cases/ZW20200101-9999').auth(token['approver.gaj'], { type: 'bearer' });
    expect([hidden.status, hidden.body.code]).to.deep.equal([missing.status, missing.body.code]);
    expect(hidden.status).to.equal(404);
    expect((await t.http.get(`/api/cases/${caseNumber}`).auth(token['approver.scj'], { type: 'bearer' })).status).to.equal(200);
  });

  it('asks the case as it stands now: the case reaching the issuing stage opens its documents to the issuing window', async () => {
    const caseNumber = (await t.http.get('/api/cases').auth(token.clerk, { type: 'bearer' })).body.items[0].caseNumber as string;
    await caseModel(t.hall.services.intake!.cases.db).updateOne({ caseNumber }, { $set: { stage: 'issuing' } });
    expect((await fetch('issuer', documents[0].documentId, false)).status).to.equal(200);
    expect((await fetch('approver.gaj', documents[0].documentId, false)).status).to.equal(404);
  });
});

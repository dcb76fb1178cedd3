import { expect } from 'chai';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, approverWithPowers, openTask, type Actor } from '../../test/e2e/steps.ts';

/**
 * Issue 15: a document is readable exactly as the case it belongs to (authz/documents.ts asks `read`
 * of the case). A 住建 construction permit case's notices, on the whole hall (real engine, Chromium,
 * FerretDB, HTTP and signed tokens): refused to an approver of 公安, served to the 住建 approver who
 * claimed the case's review task.
 */
describe('a 住建 case\'s documents are refused to a 公安 approver and served to the 住建 approver handling it', function () {
  this.timeout(240_000);
  let t: TestHall;
  let zjj: Actor;
  let gaj: Actor;
  let documents: Array<{ kind: string; documentId: string }>;
  const applicant = { kind: 'organisation', name: '中卫市沙坡头区青松建设有限公司', uscc: '1164050064050037XR' };

  before(async () => {
    t = await startHall('doc_dept_scope');
    const clerk = actorOf(t, await t.signIn('clerk'));
    zjj = await approverWithPowers(t, 'zjj', ['reviewAndReport']);
    gaj = actorOf(t, await t.signIn('approver.gaj'));
    const matter = await clerk.get('/api/matters/zjj_sgxk');
    const received = await clerk.post('/api/cases', {
      matterCode: 'zjj_sgxk', applicant, contact: { name: '杨海燕', phone: '13995016688' }, decision: { outcome: 'accept' },
      materials: (matter.body.materials as Array<{ name: string }>).map((m) => ({ name: m.name, provided: true })),
    });
    expect(received.status, received.text).to.equal(201);
    documents = received.body.documents;
    expect(documents.map((d) => d.kind)).to.include.members(['receipt', 'acceptance']);
    const review = await openTask(zjj, received.body.caseNumber, 'review');
    expect((await zjj.post(`/api/tasks/${review.key}/claim`)).status).to.equal(200);
  });
  after(() => t?.close());

  it('refuses the 公安 approver the record and the PDF of each document with problem+json, disclosing nothing of the case', async () => {
    for (const doc of documents) {
      for (const path of [`/api/documents/${doc.documentId}`, `/api/documents/${doc.documentId}/pdf`]) {
        const res = await gaj.get(path);
        // answered like a document that does not exist (docs/authority.md): ids cannot be probed
        expect(res.status, path).to.equal(404);
        expect(res.type).to.equal('application/problem+json');
        expect(res.body.code).to.equal('NOT_FOUND');
        expect(res.text).not.to.contain(applicant.name);
      }
    }
  });

  it('serves the 住建 approver who claimed the review the record and the PDF of each document', async () => {
    for (const doc of documents) {
      const record = await zjj.get(`/api/documents/${doc.documentId}`);
      expect(record.status, record.text).to.equal(200);
      expect(record.body).to.include({ kind: doc.kind });
      const pdf = await zjj.get(`/api/documents/${doc.documentId}/pdf`).buffer(true);
      expect(pdf.status).to.equal(200);
      expect(pdf.type).to.equal('application/pdf');
      expect(Buffer.from(pdf.body).subarray(0, 5).toString()).to.equal('%PDF-');
    }
  });
});

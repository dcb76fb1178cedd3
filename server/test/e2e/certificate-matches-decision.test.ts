import { expect } from 'chai';
import { pdfText } from '../../src/documents/pdf-tools.ts';
import { issuedDocumentModel } from '../../src/documents/index.ts';
import { startHall, type TestHall } from '../hall.ts';
import { actorOf, approverWithPowers, eventually, openTask, receiveAccepted, type Actor } from './steps.ts';

/**
 * Issue 10 (Legal documents): the decision granted validity until 2027-09-07 with a stated scope,
 * the certificate printed five years and "许可范围 —", and the public verification agreed with the
 * certificate; the 住建 decision was headed and sealed by the 行政审批服务局.
 */
describe('the certificate and the public verification say what the decision granted, and the department issues the decision', function () {
  this.timeout(240_000);
  let t: TestHall;
  let clerk: Actor;
  let approver: Actor;
  let issuer: Actor;
  let director: Actor;

  before(async () => {
    t = await startHall('cert_decision');
    clerk = actorOf(t, await t.signIn('clerk'));
    issuer = actorOf(t, await t.signIn('issuer'));
    director = actorOf(t, await t.signIn('director'));
    approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
  });
  after(() => t?.close());

  it('prints the decided validity, scope and licence number on the certificate and answers the same validity in public', async () => {
    const received = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' });
    const review = await openTask(approver, received.caseNumber, 'review');
    await approver.post(`/api/tasks/${review.key}/claim`);
    expect((await approver.post(`/api/tasks/${review.key}/approve`, { opinion: '符合条件' })).status).to.equal(200);
    const decide = await openTask(approver, received.caseNumber, 'decide');
    await approver.post(`/api/tasks/${decide.key}/claim`);
    const decided = await approver.post(`/api/tasks/${decide.key}/approve`, {
      opinion: '准予',
      decision: {
        findings: '申请符合法定条件和标准', legalBasis: '《建筑工程施工许可管理办法》第四条',
        licence: { name: '建筑工程施工许可证', scope: '云杉小区1号至3号住宅楼', validFrom: '2026-12-01', validTo: '2027-09-07' },
      },
    });
    expect(decided.status, decided.text).to.equal(200);
    await openTask(issuer, received.caseNumber, 'handOver');
    expect((await issuer.post(`/api/issuing/cases/${received.caseNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' })).status).to.equal(200);
    const closed = await eventually(async () => {
      const res = await director.get(`/api/cases/${received.caseNumber}`);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 'the case to close');
    // a hand-over retried after it went through (its answer lost) is a conflict, not a missing power
    const retried = await issuer.post(`/api/issuing/cases/${received.caseNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
    expect(retried.status, retried.text).to.equal(409);
    expect(retried.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(retried.body).to.include({ code: 'ALREADY_HANDED_OVER' });
    expect((await director.get(`/api/cases/${received.caseNumber}`)).body.timeline.filter((e: { type: string }) => e.type === 'completed')).to.have.length(1);

    const docs = issuedDocumentModel(t.hall.services.intake!.cases.db);
    const textOf = async (kind: string) => {
      const ref = closed.documents.find((d: { kind: string }) => d.kind === kind);
      const doc = await docs.findById(ref.documentId).lean();
      return { ref, text: (await pdfText(Buffer.from(doc!.pdf.buffer))).replace(/\s+/g, '') };
    };
    const certificate = await textOf('certificate');
    expect(certificate.text).to.contain('有效期至2027年9月7日');
    expect(certificate.text).to.contain('许可范围云杉小区1号至3号住宅楼');
    expect(certificate.text).to.contain('建筑工程施工许可证');

    const decision = await textOf('licenceGrant');
    // one issuing body: the implementing department heads and seals the decision, as it does the certificate
    expect(decision.text.startsWith('中卫市住房和城乡建设局')).to.equal(true);
    expect(decision.text).not.to.contain('行政审批服务局');
    expect(certificate.text).to.contain('中卫市住房和城乡建设局');
    // the licence number the decision names is the certificate's
    const number = /证件编号(ZJJ\d{10})/.exec(decision.text)?.[1];
    expect(number, decision.text).to.be.a('string');
    expect(certificate.text).to.contain(`编号：${number}`);

    const verified = await t.http.get(`/api/public/certificates/${certificate.ref.verificationCode}`);
    expect(verified.body).to.include({ genuine: true, status: 'valid', number, validFrom: '2026-12-01', validTo: '2027-09-07' });
  });
});

import { expect } from 'chai';
import { pdfText } from '../documents/pdf-tools.ts';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, approverWithPowers, openTask, receiveAccepted, type Actor } from '../../test/e2e/steps.ts';

describe('case record, path, 流程预测 and 审批表 of a case under way', function () {
  this.timeout(240_000);
  let t: TestHall;
  let approver: Actor;
  let caseNumber: string;

  before(async () => {
    t = await startHall('casefile');
    const clerk = actorOf(t, await t.signIn('clerk'));
    approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
    ({ caseNumber } = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' }));
    const review = await openTask(approver, caseNumber, 'review');
    await approver.post(`/api/tasks/${review.key}/claim`);
    const done = await approver.post(`/api/tasks/${review.key}/approve`, { opinion: '材料齐全，符合法定条件。' });
    expect(done.status, done.text).to.equal(200);
    await openTask(approver, caseNumber, 'decide');
  });
  after(() => t?.close());

  it('records each step with its opinion, person and the delegation that allowed it', async () => {
    const res = await approver.get(`/api/cases/${caseNumber}/record`);
    expect(res.status, res.text).to.equal(200);
    const review = res.body.steps.find((s: { step: string }) => s.step === 'review');
    expect(review).to.include({ state: 'completed', completedBy: 'approver.zjj', outcome: 'approved', opinion: '材料齐全，符合法定条件。' });
    expect(review.delegation).to.include({ power: 'reviewAndReport', departmentCode: 'zjj', allMatters: true, grantedBy: 'admin.zjj' });
    expect(res.body.steps.find((s: { step: string }) => s.step === 'decide')).to.include({ state: 'open' });
  });

  it('shows the path: review completed, the decision the current step', async () => {
    const res = await approver.get(`/api/cases/${caseNumber}/path`);
    expect(res.status, res.text).to.equal(200);
    const byId = Object.fromEntries(res.body.elements.map((e: { elementId: string }) => [e.elementId, e]));
    expect(byId.review).to.include({ active: false, entered: 1 });
    expect(byId.decide).to.include({ active: true });
    expect(byId.transfer).to.include({ active: false });
    expect(res.body.processId).to.equal('single-department-approval');
  });

  it('forecasts the steps after the decision: 加盖行政审批专用章, 缮证, the issuing window by a working day', async () => {
    const res = await approver.get(`/api/cases/${caseNumber}/forecast`);
    expect(res.status, res.text).to.equal(200);
    expect(res.body.current.map((c: { elementId: string }) => c.elementId)).to.deep.equal(['decide']);
    const names = res.body.steps.map((s: { name: string }) => s.name);
    expect(names).to.include('加盖行政审批专用章').and.include('缮证');
    const handOver = res.body.steps.find((s: { step?: string }) => s.step === 'handOver');
    expect(handOver.holders).to.deep.equal(['issuingClerk']);
    expect(handOver.dueOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(handOver.dueOn >= res.body.current[0].dueOn).to.equal(true);
    // the refused path (驳回) is not forecast
    expect(names).not.to.include('未通过审查');
  });

  it('issues the 审批表 as a sealed PDF with every step, and the same record twice as one document', async () => {
    const first = await approver.post(`/api/cases/${caseNumber}/approval-record`);
    expect(first.status, first.text).to.equal(200);
    const again = await approver.post(`/api/cases/${caseNumber}/approval-record`);
    expect(again.body.documentId).to.equal(first.body.documentId);
    const pdf = await approver.get(`/api/documents/${first.body.documentId}/pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).to.equal(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, '');
    for (const expected of ['行政许可审批表', caseNumber, '审查', 'approver.zjj', '材料齐全，符合法定条件。', '审核上报权', '受理通知书', '中卫市住房和城乡建设局', '核验码']) {
      expect(text, expected).to.contain(expected);
    }
  });

  it('previews the seal of the decision with the delegation that allows it, and hides the task from another department', async () => {
    const decide = await openTask(approver, caseNumber, 'decide');
    const res = await approver.get(`/api/tasks/${decide.key}/seal`);
    expect(res.status, res.text).to.equal(200);
    expect(res.body).to.include({ allowed: true, agency: '中卫市住房和城乡建设局', sealRequired: true });
    expect(res.body.delegation).to.include({ departmentCode: 'zjj', allMatters: true });
    expect(res.body.delegation.powers).to.include('useSeal');
    expect(res.body.svg).to.contain('<svg');
    const gaj = actorOf(t, await t.signIn('approver.gaj'));
    expect((await gaj.get(`/api/tasks/${decide.key}/seal`)).status).to.equal(404);
  });

  it('answers 404 to an approver of another department, for the record, path, forecast and 审批表 alike', async () => {
    const gaj = actorOf(t, await t.signIn('approver.gaj'));
    for (const path of ['record', 'path', 'forecast']) expect((await gaj.get(`/api/cases/${caseNumber}/${path}`)).status, path).to.equal(404);
    expect((await gaj.post(`/api/cases/${caseNumber}/approval-record`)).status).to.equal(404);
  });
});

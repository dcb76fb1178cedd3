import { expect } from 'chai';
import { auditModel } from '../audit/index.ts';
import { startHall, type Hall } from '../../test/support/approval/fixtures.ts';

const grantDecision = {
  findings: '施工图审查合格书、施工合同及安全生产措施齐全',
  legalBasis: '《建筑工程施工许可管理办法》第四条',
  licence: { name: '建筑工程施工许可证', scope: '云杉小区 1#–3# 住宅楼', validFrom: '2026-12-01', validTo: '2027-11-30' },
};

/** Issue 10 (Security): refused attempts (deciding or sealing without the power) left no trace. */
describe('refused uses of authority are written to the audit trail', function () {
  this.timeout(180_000);
  let h: Hall;
  before(async () => {
    h = await startHall('refusals');
    await h.grant('approver.zjj', ['reviewAndReport']);
    await h.grant('approver2.zjj', ['reviewAndReport', 'decide']);
  });
  after(() => h?.close());

  const refusals = () => auditModel(h.t.db).find({ action: 'authority.refused' }).sort({ seq: 1 }).lean();

  it('records a decision without the decision power, and one without the seal power, with who, where and why', async () => {
    const caseNumber = await h.newCase();
    const review = await h.atReview(caseNumber);
    await h.as('approver.zjj').post(`/api/tasks/${review.key}/claim`);
    expect((await h.as('approver.zjj').post(`/api/tasks/${review.key}/approve`, { opinion: '同意' })).status).to.equal(200);
    const decide = await h.taskOf(caseNumber, 'decide');
    await h.as('approver.zjj').post(`/api/tasks/${decide.key}/claim`);
    const before = (await refusals()).length;

    const noPower = await h.as('approver.zjj').post(`/api/tasks/${decide.key}/approve`, { opinion: '准予', decision: grantDecision });
    expect([noPower.status, noPower.body.code]).to.deep.equal([403, 'DECISION_POWER_REQUIRED']);
    await h.as('approver.zjj').post(`/api/tasks/${decide.key}/transfer`, { to: 'approver2.zjj', opinion: '请王芳决定' });
    const noSeal = await h.as('approver2.zjj').post(`/api/tasks/${decide.key}/approve`, { opinion: '准予', decision: grantDecision });
    expect([noSeal.status, noSeal.body.code]).to.deep.equal([403, 'SEAL_NOT_AUTHORISED']);

    const written = (await refusals()).slice(before);
    expect(written.map((r) => [r.actor.username, r.data.code, r.data.path, r.departmentCode])).to.deep.equal([
      ['approver.zjj', 'DECISION_POWER_REQUIRED', `/api/tasks/${decide.key}/approve`, 'zjj'],
      ['approver2.zjj', 'SEAL_NOT_AUTHORISED', `/api/tasks/${decide.key}/approve`, 'zjj'],
    ]);
    // the department's admin and the director see them; the chain still verifies
    const asAdmin = await h.as('admin.zjj').get('/api/audit?action=authority.refused');
    expect(asAdmin.body.items.map((r: { data: { code: string } }) => r.data.code)).to.include.members(['DECISION_POWER_REQUIRED', 'SEAL_NOT_AUTHORISED']);
    expect((await h.as('director').get('/api/audit/verify')).body.ok).to.equal(true);
  });

  it('records an action on another department\'s record under that department, and nothing for an allowed request', async () => {
    const caseNumber = await h.newCase();
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    const before = (await refusals()).length;
    // 公安's approver cannot even read 住建's task: 404, which discloses nothing and is no use of authority
    expect((await h.as('approver.gaj').post(`/api/tasks/${first.key}/claim`)).status).to.equal(404);
    // the director may read it but may not claim it (handles nothing): a refused authority check
    const claim = await h.as('director').post(`/api/tasks/${first.key}/claim`);
    expect(claim.status).to.equal(403);
    expect((await h.as('approver.zjj').post(`/api/tasks/${first.key}/claim`)).status).to.equal(200);
    const written = (await refusals()).slice(before);
    expect(written.map((r) => [r.actor.username, r.data.code, r.data.action, r.subject.type, r.departmentCode])).to.deep.equal([
      ['director', 'FORBIDDEN', 'claim', 'Task', 'zjj'],
    ]);
  });

  it('records a task refused inside a bulk claim (批量签收) as the single claim would, and nothing for the one claimed', async () => {
    const caseNumber = await h.newCase();
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    const before = (await refusals()).length;
    // the director may claim tasks of the director's group, so the route lets the request in; this one is 住建's
    const bulk = await h.as('director').post('/api/tasks/claim', { keys: [first.key] });
    expect(bulk.status, bulk.text).to.equal(200);
    expect(bulk.body.results.map((r: { status: number }) => r.status)).to.deep.equal([403]);
    expect((await h.as('approver.zjj').post('/api/tasks/claim', { keys: [first.key] })).body.claimed).to.equal(1);
    const written = (await refusals()).slice(before);
    expect(written.map((r) => [r.actor.username, r.data.code, r.data.action, r.data.path, r.departmentCode])).to.deep.equal([
      ['director', 'FORBIDDEN', 'claim', `/api/tasks/${first.key}/claim`, 'zjj'],
    ]);
  });
});

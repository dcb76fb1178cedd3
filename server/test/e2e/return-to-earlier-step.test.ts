import { expect } from 'chai';
import { hallEngines, startHall, type TestHall } from '../hall.ts';
import { actorOf, receiveAccepted, approverWithPowers, eventually, openTask, type Actor } from './steps.ts';

/**
 * 退回 on a shipped workflow: a case of 建筑工程施工许可证核发 (single-department-approval) reaches
 * 审批决定, the decider sends it back to 审查 with an opinion, the reviewer sees it again on the
 * department's board, passes it again, and the decider grants the permit.
 */
// On the embedded engine, and on the real Zeebe 8.5 engine when scripts/test started it.
for (const engine of hallEngines()) describe(`a decision returned to the review step of a shipped workflow${engine === 'zeebe' ? ' (on the real Zeebe 8.5 engine)' : ''}`, function () {
  this.timeout(180_000);
  let t: TestHall;
  let clerk: Actor;
  let approver: Actor;
  let otherDepartment: Actor;
  let director: Actor;

  before(async () => {
    t = await startHall('returnto', { engine });
    clerk = actorOf(t, await t.signIn('clerk'));
    director = actorOf(t, await t.signIn('director'));
    otherDepartment = actorOf(t, await t.signIn('approver.gaj'));
    approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
  });
  after(() => t?.close());

  const caseOf = async (caseNumber: string) => (await director.get(`/api/cases/${caseNumber}`)).body;

  it('sends the case back to 审查 with a required opinion, shows it to the department again, and decides after the second review', async () => {
    // Given an accepted application for the construction permit, reviewed and passed to 审批决定
    const received = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '91640502MA76XK3Q2T' }, { name: '张三', phone: '13995012866' });
    expect(received.processId).to.equal('single-department-approval');
    const caseNumber: string = received.caseNumber;

    const firstReview = await openTask(approver, caseNumber, 'review');
    expect((await approver.post(`/api/tasks/${firstReview.key}/claim`)).status).to.equal(200);
    const passed = await approver.post(`/api/tasks/${firstReview.key}/approve`, { opinion: '材料齐全，符合条件' });
    expect(passed.status, passed.text).to.equal(200);
    const decide = await openTask(approver, caseNumber, 'decide');
    expect((await approver.post(`/api/tasks/${decide.key}/claim`)).status).to.equal(200);
    const detail = await approver.get(`/api/tasks/${decide.key}`);
    expect(detail.body.returnTargets).to.deep.equal(['review']);

    // When the decider returns it without an opinion, or to a step the process does not model
    const silent = await approver.post(`/api/tasks/${decide.key}/return`, { step: 'review' });
    expect(silent.status).to.equal(400);
    expect(silent.body.fields.map((f: { field: string }) => f.field)).to.include('body.opinion');
    const elsewhere = await approver.post(`/api/tasks/${decide.key}/return`, { step: 'receive', opinion: '退回收件' });
    expect(elsewhere.status).to.equal(422);
    expect(elsewhere.body.code).to.equal('RETURN_NOT_MODELLED');
    // Then nothing changed
    expect((await approver.get(`/api/tasks/${decide.key}`)).body.state).to.equal('open');

    // When the decider returns it to 审查 with an opinion
    const opinion = '施工图审查合格书编号与项目不一致，请重新审查';
    const returned = await approver.post(`/api/tasks/${decide.key}/return`, { step: 'review', opinion });
    expect(returned.status, returned.text).to.equal(200);

    // Then the case timeline records the return with its opinion
    const afterReturn = await caseOf(caseNumber);
    const entry = afterReturn.timeline.find((e: { type: string }) => e.type === 'approval.returned');
    expect(entry, 'timeline entry of the return').to.not.equal(undefined);
    expect(entry).to.deep.include({ actor: 'approver.zjj' });
    expect(entry.data).to.deep.include({ step: 'decide', returnTo: 'review', opinion });

    // And 审查 is back on the board of 住建局 — a new task for the department's group — and on no other department's
    const secondReview = await openTask(approver, caseNumber, 'review');
    expect(secondReview.key).to.not.equal(firstReview.key);
    expect((secondReview as unknown as { candidateGroups: string[] }).candidateGroups).to.deep.equal(['dept:zjj']);
    expect((await otherDepartment.get(`/api/tasks?caseNumber=${caseNumber}`)).body.items).to.deep.equal([]);
    expect((await approver.get(`/api/tasks/${decide.key}`)).body).to.include({ state: 'completed', outcome: 'returned' });

    // When it is reviewed again and the decider grants the permit
    await approver.post(`/api/tasks/${secondReview.key}/claim`);
    expect((await approver.post(`/api/tasks/${secondReview.key}/approve`, { opinion: '已核对，编号一致' })).status).to.equal(200);
    const secondDecide = await openTask(approver, caseNumber, 'decide');
    expect(secondDecide.key).to.not.equal(decide.key);
    await approver.post(`/api/tasks/${secondDecide.key}/claim`);
    const granted = await approver.post(`/api/tasks/${secondDecide.key}/approve`, {
      opinion: '准予',
      decision: {
        findings: '申请人提交的材料经审查符合建筑工程施工许可的条件', legalBasis: '《建筑工程施工许可管理办法》第四条',
        licence: { name: '建筑工程施工许可证', scope: '云杉花园二期 1#—6# 楼', validFrom: '2026-12-01', validTo: '2027-11-30' },
      },
    });
    expect(granted.status, granted.text).to.equal(200);

    // Then the case goes on to its decision document and the issuing window
    const decided = await eventually(async () => {
      const c = await caseOf(caseNumber);
      return c.documents?.some((d: { kind: string }) => d.kind === 'licenceGrant') ? c : undefined;
    }, 'the decision document');
    const types = decided.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((type: string) => type === 'approval.approved')).to.have.length(3);
    expect(types.filter((type: string) => type === 'approval.returned')).to.have.length(1);
    await openTask(actorOf(t, await t.signIn('issuer')), caseNumber, 'handOver');
  });

  it('lets the reviewer withdraw (撤回) a review passed too soon while 审批决定 is untouched, and not once it is claimed', async () => {
    const received = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '91640502MA76XK3Q2T' }, { name: '张三', phone: '13995012866' });
    const caseNumber: string = received.caseNumber;
    const review = await openTask(approver, caseNumber, 'review');
    await approver.post(`/api/tasks/${review.key}/claim`);
    expect((await approver.post(`/api/tasks/${review.key}/approve`, { opinion: '材料齐全，符合条件' })).status).to.equal(200);
    const decide = await openTask(approver, caseNumber, 'decide');

    // Someone else cannot withdraw the reviewer's step, and an open step is not withdrawn
    const colleague = await approverWithPowers(t, 'zjj', ['reviewAndReport'], 'approver2.zjj');
    const notTheirs = await colleague.post(`/api/tasks/${review.key}/withdraw`, { opinion: '误操作' });
    expect(notTheirs.status, notTheirs.text).to.equal(403);
    expect(notTheirs.body.code).to.equal('NOT_YOUR_STEP');
    expect((await approver.post(`/api/tasks/${decide.key}/withdraw`, { opinion: '误操作' })).body.code).to.equal('TASK_NOT_WITHDRAWABLE');

    // The reviewer withdraws: 审批决定 closes as withdrawn and 审查 opens again for the department
    const withdrawn = await approver.post(`/api/tasks/${review.key}/withdraw`, { opinion: '漏看了施工图审查合格书，需重新审查' });
    expect(withdrawn.status, withdrawn.text).to.equal(200);
    expect((await approver.get(`/api/tasks/${decide.key}`)).body).to.include({ state: 'completed', outcome: 'withdrawn' });
    const again = await openTask(approver, caseNumber, 'review');
    expect(again.key).to.not.equal(review.key);
    const entry = (await caseOf(caseNumber)).timeline.find((e: { type: string }) => e.type === 'approval.withdrawn');
    expect(entry, 'timeline entry of the withdrawal').to.not.equal(undefined);
    expect(entry).to.deep.include({ actor: 'approver.zjj' });
    expect(entry.data).to.deep.include({ withdrawnStep: 'review', opinion: '漏看了施工图审查合格书，需重新审查' });

    // Once the next step is claimed, the case can no longer be withdrawn, and nothing changes
    await approver.post(`/api/tasks/${again.key}/claim`);
    expect((await approver.post(`/api/tasks/${again.key}/approve`, { opinion: '已核对' })).status).to.equal(200);
    const decideAgain = await openTask(approver, caseNumber, 'decide');
    expect((await colleague.post(`/api/tasks/${decideAgain.key}/claim`)).status).to.equal(200);
    const tooLate = await approver.post(`/api/tasks/${again.key}/withdraw`, { opinion: '再次撤回' });
    expect(tooLate.status).to.equal(409);
    expect(tooLate.body.code).to.equal('WITHDRAW_NEXT_STARTED');
    expect((await approver.get(`/api/tasks/${decideAgain.key}`)).body).to.include({ state: 'open', assignee: 'approver2.zjj' });
  });
});

import { expect } from 'chai';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, eventually, type Actor } from '../../test/e2e/steps.ts';
import { taskModel } from '../tasks/index.ts';
import { hotlineOrderModel } from './model.ts';

/** The open board task of a hotline order at a step, as the actor's board lists it. */
async function openStep(actor: Actor, t: TestHall, orderNumber: string, step: string) {
  const order = await hotlineOrderModel(t.hall.services.intake!.cases.db).findById(orderNumber).lean();
  return eventually(async () => {
    const task = await taskModel(t.hall.services.intake!.cases.db).findOne({ processInstanceKey: order!.processInstanceKey, step, state: 'open' }).lean();
    if (!task) return undefined;
    const seen = await actor.get(`/api/tasks/${task._id}`);
    return seen.status === 200 ? { key: task._id, dueAt: task.dueAt } : undefined;
  }, `${step} of ${orderNumber}`);
}

describe('12345 work orders: from the call to closure on the board, with working-day limits', () => {
  let t: TestHall;
  let now = new Date('2026-12-10T02:00:00Z'); // Thursday 10:00 in the hall
  let operator: Actor;
  let zjj: Actor;
  let scj: Actor;
  const call = {
    caller: { name: '马建国', phone: '13895512345' }, category: 'help', title: '小区供暖不热',
    content: '沙坡头区文昌南街幸福小区3号楼供暖温度不达标，室内只有十二度，请尽快处理。', location: '沙坡头区文昌南街幸福小区3号楼',
  };

  before(async () => {
    t = await startHall('hotline_walk', { clock: () => now });
    [operator, zjj, scj] = [actorOf(t, await t.signIn('hotline')), actorOf(t, await t.signIn('approver.zjj')), actorOf(t, await t.signIn('approver.scj'))];
  });
  after(async () => { await t.close(); });

  it('records a call, merges a repeated call into it, refuses an unknown department, and dispatches within a working day', async () => {
    const recorded = await operator.post('/api/hotline/orders', call);
    expect(recorded.status, recorded.text).to.equal(201);
    const number = recorded.body.number as string;
    expect(number).to.match(/^RX20261210\d{4}$/);
    // Thursday 10:00 → dispatch by the close of Friday
    expect(recorded.body).to.include({ state: 'pendingDispatch', dispatchDueAt: '2026-12-11T10:00:00.000Z', merged: false });

    const again = await operator.post('/api/hotline/orders', { ...call, content: '幸福小区3号楼供暖温度不达标，室内只有十二度，已经第二次打电话了。' });
    expect(again.status, again.text).to.equal(200);
    expect(again.body).to.include({ number, merged: true });
    expect(again.body.calls).to.have.length(2);
    const other = await operator.post('/api/hotline/orders', { ...call, category: 'consultation', title: '咨询公积金', content: '请问住房公积金提取需要哪些材料？' });
    expect(other.status).to.equal(201);
    expect(other.body.number).to.not.equal(number);

    const unknown = await operator.post(`/api/hotline/orders/${number}/dispatch`, { departmentCode: 'nosuch' });
    expect(unknown.status).to.equal(422);
    expect(unknown.body).to.include({ code: 'DEPARTMENT_UNKNOWN' });
    expect(unknown.body.fields[0].field).to.equal('body.departmentCode');
    expect(unknown.headers['content-type']).to.match(/application\/problem\+json/);
    const unchanged = await operator.get(`/api/hotline/orders/${number}`);
    expect(unchanged.body).to.include({ state: 'pendingDispatch' });
    expect(unchanged.body.processInstanceKey).to.equal(undefined);

    await zjj.post(`/api/hotline/orders/${number}/dispatch`, { departmentCode: 'zjj' }).expect(403);
    const dispatched = await operator.post(`/api/hotline/orders/${number}/dispatch`, { departmentCode: 'zjj', coHandlers: ['scj'] });
    expect(dispatched.status, dispatched.text).to.equal(200);
    // help: 3 working days counted from Friday → Tuesday 15th; send-back until Monday 14th
    expect(dispatched.body).to.include({ state: 'handling', departmentCode: 'zjj', handleDueAt: '2026-12-15T10:00:00.000Z', sendBackUntil: '2026-12-14T10:00:00.000Z' });
    const handle = await openStep(zjj, t, number, 'hotlineHandle');
    expect(new Date(handle.dueAt!).toISOString()).to.equal('2026-12-15T10:00:00.000Z');
    // the co-handler reads the order; the answered consultation closes without a department
    expect((await scj.get(`/api/hotline/orders/${number}`)).status).to.equal(200);
    const direct = await operator.post(`/api/hotline/orders/${other.body.number}/answer`, { answer: '已告知提取所需材料及办理地点。' });
    expect(direct.body).to.include({ state: 'closedDirectly' });
  });

  it('walks send-back, re-dispatch, extension, reply, dissatisfied call-back, re-handling and closure', async () => {
    const list = await operator.get('/api/hotline/orders?state=handling');
    const number = list.body.items[0].number as string;

    // Monday: the department signs for it and sends it back with a reason (within 2 working days)
    now = new Date('2026-12-14T02:00:00Z');
    const handle = await openStep(zjj, t, number, 'hotlineHandle');
    const noReason = await zjj.post(`/api/hotline/tasks/${handle.key}/send-back`, {});
    expect(noReason.status).to.equal(400);
    expect(noReason.body.fields.map((f: { field: string }) => f.field)).to.deep.equal(['body.reason']);
    expect((await zjj.post(`/api/hotline/tasks/${handle.key}/send-back`, { reason: '供暖属市场监管之外，应由热力公司主管部门办理' })).body.code).to.equal('TASK_NOT_CLAIMED');
    expect((await zjj.post(`/api/hotline/tasks/${handle.key}/sign-for`)).status).to.equal(200);
    const sent = await zjj.post(`/api/hotline/tasks/${handle.key}/send-back`, { reason: '不属于本单位职责，建议改派' });
    expect(sent.status, sent.text).to.equal(200);
    expect(sent.body.state).to.equal('sendBackReview');
    expect((await zjj.post(`/api/hotline/tasks/${handle.key}/send-back`, { reason: '重复提交' })).status).to.equal(409);

    // the hotline reviews the send-back and re-dispatches: a new limit from Monday
    const review = await openStep(operator, t, number, 'hotlineReviewSendBack');
    // the department does not review its own send-back: the step is not even on its board
    expect((await zjj.post(`/api/hotline/tasks/${review.key}/review-send-back`, { outcome: 'uphold', note: '自己审核自己' })).status).to.equal(404);
    const same = await operator.post(`/api/hotline/tasks/${review.key}/review-send-back`, { outcome: 'redispatch', departmentCode: 'zjj' });
    expect(same.body.code).to.equal('REDISPATCH_TARGET');
    const moved = await operator.post(`/api/hotline/tasks/${review.key}/review-send-back`, { outcome: 'redispatch', departmentCode: 'scj', note: '改派市场监管局' });
    expect(moved.status, moved.text).to.equal(200);
    expect(moved.body).to.include({ state: 'handling', departmentCode: 'scj', handleDueAt: '2026-12-17T10:00:00.000Z', sendBackUntil: '2026-12-16T10:00:00.000Z' });

    // Thursday: too late to send back; an extension of 2 working days is asked and approved
    now = new Date('2026-12-17T01:00:00Z');
    const scjHandle = await openStep(scj, t, number, 'hotlineHandle');
    expect((await zjj.get(`/api/tasks/${scjHandle.key}`)).status).to.equal(404);
    await scj.post(`/api/hotline/tasks/${scjHandle.key}/sign-for`).expect(200);
    const late = await scj.post(`/api/hotline/tasks/${scjHandle.key}/send-back`, { reason: '也不属于本单位' });
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('SEND_BACK_TOO_LATE');
    const asked = await scj.post(`/api/hotline/tasks/${scjHandle.key}/extension`, { days: 2, reason: '需协调热力公司现场检测' });
    expect(asked.status, asked.text).to.equal(200);
    expect(asked.body.state).to.equal('extensionReview');
    const extReview = await openStep(operator, t, number, 'hotlineReviewExtension');
    const approved = await operator.post(`/api/hotline/tasks/${extReview.key}/review-extension`, { approve: true });
    expect(approved.body).to.include({ state: 'handling', extensions: 2, handleDueAt: '2026-12-21T10:00:00.000Z' });

    // Friday: the reply, on time; the caller is dissatisfied: 重办 with a new limit
    now = new Date('2026-12-18T03:00:00Z');
    const afterExt = await openStep(scj, t, number, 'hotlineHandle');
    expect(new Date(afterExt.dueAt!).toISOString()).to.equal('2026-12-21T10:00:00.000Z');
    await scj.post(`/api/hotline/tasks/${afterExt.key}/sign-for`).expect(200);
    const replied = await scj.post(`/api/hotline/tasks/${afterExt.key}/reply`, { text: '已协调热力公司调整供热参数，室温恢复至十八度以上。' });
    expect(replied.body).to.include({ state: 'callBack' });
    expect(replied.body.reply).to.include({ by: 'approver.scj', onTime: true });
    const cb = await openStep(operator, t, number, 'hotlineCallBack');
    const redo = await operator.post(`/api/hotline/tasks/${cb.key}/call-back`, { satisfaction: 'dissatisfied', rehandle: true, note: '群众反映夜间仍不热' });
    expect(redo.body).to.include({ state: 'handling', rehandles: 1, handleDueAt: '2026-12-23T10:00:00.000Z' });

    // Thursday 24th: past the limit — no extension any more; a late reply; satisfied; closed
    now = new Date('2026-12-24T02:00:00Z');
    const again = await openStep(scj, t, number, 'hotlineHandle');
    await scj.post(`/api/hotline/tasks/${again.key}/sign-for`).expect(200);
    const tooLate = await scj.post(`/api/hotline/tasks/${again.key}/extension`, { days: 1, reason: '再协调' });
    expect(tooLate.body.code).to.equal('EXTENSION_TOO_LATE');
    const lateReply = await scj.post(`/api/hotline/tasks/${again.key}/reply`, { text: '已更换楼栋供热阀门，夜间室温已达标。' });
    expect(lateReply.body.reply).to.include({ onTime: false });
    const cb2 = await openStep(operator, t, number, 'hotlineCallBack');
    const closed = await operator.post(`/api/hotline/tasks/${cb2.key}/call-back`, { satisfaction: 'satisfied', rehandle: false });
    expect(closed.body).to.include({ state: 'closed', satisfaction: 'satisfied' });
    expect(closed.body.events.map((e: { type: string }) => e.type)).to.deep.equal([
      'recorded', 'repeatCall', 'dispatched', 'signedFor', 'sentBack', 'redispatched', 'signedFor', 'extensionRequested', 'extensionApproved',
      'signedFor', 'replied', 'rehandled', 'signedFor', 'replied', 'closed',
    ]);
    const process = await eventually(async () => {
      const tasks = await taskModel(t.hall.services.intake!.cases.db).countDocuments({ processInstanceKey: closed.body.processInstanceKey, state: 'open' });
      return tasks === 0 ? true : undefined;
    }, 'no open task of the closed order');
    expect(process).to.equal(true);
  });

  it('shows the orders and the call-back rating in the director\'s figures', async () => {
    const director = actorOf(t, await t.signIn('director'));
    const figures = await director.get('/api/analytics/hotline?from=2026-12-01&to=2026-12-31');
    expect(figures.status, figures.text).to.equal(200);
    expect(figures.body).to.include({ total: 2, answeredDirectly: 1, repeatCalls: 1, closed: 1, replyOnTimeRate: 0, callBackRate: 1, satisfactionRate: 1, dispatchOnTimeRate: 1 });
    expect(figures.body.byCategory).to.deep.equal([{ key: 'consultation', count: 1 }, { key: 'help', count: 1 }]);
    expect(figures.body.byDepartment).to.deep.equal([{ key: 'scj', count: 1 }]);
    const ratings = await director.get('/api/analytics/ratings?from=2026-12-01&to=2026-12-31');
    expect(ratings.body.byChannel).to.deep.equal([{ key: 'hotline', total: 1, good: 1, bad: 0, goodRate: 1 }]);
    await operator.get('/api/analytics/hotline').expect(403);
  });
});

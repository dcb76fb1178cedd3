import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { auditModel } from '../audit/model.ts';
import { createEngine } from '../engine/factory.ts';
import { caseModel } from '../intake/index.ts';
import { supervisionLog } from '../notifications/index.ts';
import { caseOf, task } from '../../test/support/analytics/history.ts';
import { startTestApp, testDatabase, type TestApp } from '../../test/support.ts';

describe('督办: supervision orders from the director to the approver\'s board and back by the department\'s reply', () => {
  let t: TestApp;
  let engineDb: Connection;
  const now = new Date('2026-09-29T02:00:00Z'); // Tuesday, before the National Day holiday
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let director: string;
  let head: string;
  let approver: string;

  before(async () => {
    // the engine is not started: the step reaches the board through its user-task listener, by hand
    engineDb = await testDatabase('orders_engine');
    t = await startTestApp('orders', { clock: () => now, engine: createEngine({ db: engineDb }) });
    await caseModel(t.db).create(caseOf('A', { completed: false }));
    await t.services.board!.onUserTask({ type: 'created', task: task('t-a', 'A', '2026-09-28T01:00:00Z', '2026-09-28T16:00:00Z') });
    [director, head, approver] = [await t.signIn('director'), await t.signIn('admin.zjj'), await t.signIn('approver.zjj')];
  });
  after(async () => {
    await t.close();
    await engineDb.dropDatabase();
    await engineDb.close();
  });

  it('travels from issue to the board mark, is raised, and is closed by the department head\'s reply — on the timeline and in the audit trail', async () => {
    const issued = await t.http.post('/api/supervision/orders').set(auth(director))
      .send({ caseNumber: 'ZW-A', taskKey: 't-a', days: 2, note: '请说明超期原因' }).expect(201);
    // 2 working days after Tue 29 Sep: Wed 30 Sep, then 1–7 Oct are holidays → Thu 8 Oct
    expect(issued.body).to.include({ level: 'reminder', deadline: '2026-10-08', state: 'open', departmentCode: 'zjj', step: '审查' });
    const id = issued.body._id as string;

    const board = await t.http.get('/api/tasks').query({ list: 'all' }).set(auth(approver)).expect(200);
    expect(board.body.items.find((i: { key: string }) => i.key === 't-a').supervision).to.deep.equal({ orderId: id, level: 'reminder', deadline: '2026-10-08' });

    await t.http.post(`/api/supervision/orders/${id}/escalate`).set(auth(approver)).send({ from: 'reminder', days: 1, note: 'x' }).expect(403);
    await t.http.post(`/api/supervision/orders/${id}/reply`).set(auth(approver)).send({ text: '审批人无权答复督办' }).expect(403);

    const raised = await t.http.post(`/api/supervision/orders/${id}/escalate`).set(auth(director)).send({ from: 'reminder', days: 1, note: '发督办通知' }).expect(200);
    expect(raised.body).to.include({ level: 'notice', deadline: '2026-09-30' });
    const again = await t.http.post(`/api/supervision/orders/${id}/escalate`).set(auth(director)).send({ from: 'reminder', days: 1, note: '重复提交' }).expect(409);
    expect(again.body.code).to.equal('SUPERVISION_LEVEL_CHANGED');

    const replied = await t.http.post(`/api/supervision/orders/${id}/reply`).set(auth(head)).send({ text: '因现场核查延误，已于今日办结。' }).expect(200);
    expect(replied.body.state).to.equal('answered');
    expect(replied.body.reply).to.include({ by: 'admin.zjj', onTime: true });
    await t.http.post(`/api/supervision/orders/${id}/reply`).set(auth(head)).send({ text: '第二次答复不应生效' }).expect(409);

    const after = await t.http.get('/api/tasks').query({ list: 'all' }).set(auth(approver)).expect(200);
    expect(after.body.items.find((i: { key: string }) => i.key === 't-a').supervision).to.equal(null);
    const timeline = (await caseModel(t.db).findOne({ caseNumber: 'ZW-A' }).lean())!.timeline.map((e) => e.type).filter((x) => x.startsWith('supervision'));
    expect(timeline).to.deep.equal(['supervision.issued', 'supervision.escalated', 'supervision.replied']);
    const audit = await auditModel(t.db).find({ 'subject.id': id }).sort({ seq: 1 }).lean();
    expect(audit.map((a) => a.action)).to.deep.equal(['supervision.issued', 'supervision.escalated', 'supervision.replied']);
  });

  it('lists the director\'s orders with the red-timer ones and counts issued, answered on time and overdue', async () => {
    await supervisionLog(t.db).open({ caseNumber: 'ZW-A', departmentCode: 'zjj', reason: 'stepOverdue', elementId: 'review', sourceKey: 'job:red-1' });
    await t.http.post('/api/supervision/orders').set(auth(director)).send({ caseNumber: 'ZW-A', days: 1, note: '整体超期' }).expect(201);
    const list = await t.http.get('/api/supervision/orders').query({ state: 'open' }).set(auth(director)).expect(200);
    expect(list.body.items.map((i: { source: string }) => i.source).sort()).to.deep.equal(['director', 'redTimer']);
    expect(list.body.figures).to.deep.equal({ issued: 2, answeredOnTime: 1, answeredLate: 0, overdue: 0, automatic: 1 });
    const gaj = await t.signIn('approver.gaj');
    const theirs = await t.http.get('/api/supervision/orders').query({ state: 'all' }).set(auth(gaj)).expect(200);
    expect(theirs.body.items).to.deep.equal([]);
    await t.http.get(`/api/supervision/orders/${list.body.items.find((i: { source: string }) => i.source === 'director').id}`).set(auth(gaj)).expect(404);
  });

  it('refuses an order with a bad deadline or a step of another case, naming the field', async () => {
    const bad = await t.http.post('/api/supervision/orders').set(auth(director)).send({ caseNumber: 'ZW-A', days: 0, note: 'x' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).to.deep.equal(['body.days']);
    await caseModel(t.db).create(caseOf('E'));
    const other = await t.http.post('/api/supervision/orders').set(auth(director)).send({ caseNumber: 'ZW-E', taskKey: 't-a', days: 1, note: 'x' }).expect(422);
    expect(other.body.code).to.equal('TASK_NOT_OF_CASE');
    await t.http.post('/api/supervision/orders').set(auth(head)).send({ caseNumber: 'ZW-A', days: 1, note: 'x' }).expect(403);
  });
});

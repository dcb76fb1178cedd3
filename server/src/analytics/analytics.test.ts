import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { UserTask, UserTaskEvent } from '../engine/index.ts';
import { createEngine } from '../engine/factory.ts';
import { taskModel } from '../tasks/index.ts';
import type { Connection } from 'mongoose';
import { startTestApp, testDatabase, type TestApp } from '../../test/support.ts';
import { caseOf, task } from '../../test/support/analytics/history.ts';

/**
 * A small history whose every figure is computed by hand (see server/test/support/analytics/history.ts for the dates):
 * 2026-10-01…07 is the National Day holiday, 2026-09-25 Mid-Autumn, and Saturday 2026-10-10 a
 * make-up working day (调休).
 */
describe('director\'s figures over a hand-computed history', () => {
  let t: TestApp;
  let engineDb: Connection;
  let now = new Date('2026-10-14T02:00:00Z');
  let director: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  const deliver = async (event: UserTaskEvent) => {
    await t.services.board!.onUserTask(event);
    await t.services.analytics!.onUserTask(event);
  };
  /** A step created, claimed on the board at `claimedAt` (or never), completed at `doneAt` by `by` with `outcome`. */
  const step = async (userTask: UserTask, claimedAt: string | null, doneAt: string, by: string, outcome = 'approved') => {
    await deliver({ type: 'created', task: userTask });
    const history = claimedAt ? [{ at: new Date(claimedAt), type: 'claimed', by, data: {} }] : [];
    await taskModel(t.db).updateOne({ _id: userTask.key }, { $set: { history, assignee: by, completedBy: by, outcome } });
    now = new Date(doneAt);
    await deliver({ type: 'completed', task: userTask });
  };

  before(async () => {
    // the engine is not started: the test delivers its user-task events by hand, in the engine's order
    engineDb = await testDatabase('analytics_engine');
    t = await startTestApp('analytics', { clock: () => now, engine: createEngine({ db: engineDb }) });
    const analytics = t.services.analytics!;
    await analytics.onCase(caseOf('A'));
    await analytics.onCase(caseOf('B', { completed: false }));
    await analytics.onCase(caseOf('B')); // the same case later, completed: replaced, not added
    await analytics.onCase(caseOf('C'));
    await analytics.onCase(caseOf('E'));
    await step(task('t-a', 'A', '2026-09-29T01:00:00Z', '2026-10-08T16:00:00Z'), '2026-09-29T03:00:00Z', '2026-10-09T02:00:00Z', 'approver.zjj');
    await step(task('t-b', 'B', '2026-10-09T01:00:00Z', '2026-10-13T16:00:00Z'), '2026-10-09T01:30:00Z', '2026-10-12T01:00:00Z', 'approver.zjj', 'returned');
    await step(task('t-c', 'C', '2026-10-12T01:00:00Z', '2026-10-12T09:00:00Z', { processId: 'parallel-approval', processVersion: 2, elementId: 'police', name: '公安审查', candidateGroups: ['dept:gaj'] }), null, '2026-10-12T05:00:00Z', 'approver.gaj');
    await deliver({ type: 'created', task: task('t-d', 'A', '2026-10-12T01:00:00Z', '2026-10-13T16:00:00Z') });
    now = new Date('2026-10-14T02:00:00Z');
    director = await t.signIn('director');
  });
  after(async () => {
    await t.close();
    await engineDb.dropDatabase();
    await engineDb.close();
  });

  it('times each step in hours and in working days across the National Day holiday and a make-up Saturday', async () => {
    const res = await t.http.get('/api/analytics/bottlenecks').query({ processId: 'single-department-approval' }).set(auth(director)).expect(200);
    expect(res.body.items).to.have.length(1);
    // A: 241 h, 3 working days (30 Sep, 8 and 9 Oct), overdue; B: 72 h, 2 working days (Sat 10 Oct, Mon 12 Oct)
    expect(res.body.items[0]).to.deep.include({
      processVersion: 1, elementId: 'review', name: '审查', through: 2, meanWaitHours: 1.25, meanHandleHours: 155.25, meanHours: 156.5,
      p50Hours: 72, p90Hours: 336, meanWorkingDays: 2.5, overdueShare: 0.5, returns: 1, wip: 1, overdueNow: 1,
    });
  });

  it('narrows a report to the date range of completion, and to a zone', async () => {
    const oneDay = await t.http.get('/api/analytics/bottlenecks').query({ from: '2026-10-09', to: '2026-10-09' }).set(auth(director)).expect(200);
    expect(oneDay.body.items.filter((i: { through: number }) => i.through > 0).map((i: { meanHours: number; meanWorkingDays: number }) => [i.meanHours, i.meanWorkingDays])).to.deep.equal([[241, 3]]);
    const shapotou = await t.http.get('/api/analytics/bottlenecks').query({ zone: 'shapotou' }).set(auth(director)).expect(200);
    expect(shapotou.body.items.map((i: { elementId: string; meanHours: number }) => [i.elementId, i.meanHours])).to.deep.equal([['police', 4]]);
  });

  it('gives the hall figures: one-window, entry and 即办件 rates, 容缺 kept, 承诺, outcomes, on time', async () => {
    const res = await t.http.get('/api/analytics/hall').set(auth(director)).expect(200);
    expect(res.body).to.deep.include({
      received: 4, completed: 3, onTimeRate: 0.6667, oneWindowRate: 0.75, entryRate: 0.04, immediateShare: 0.25,
      pendingMaterials: 1, pendingKept: 1, commitment: 1,
      outcomes: { accepted: 3, refused: 1, correctionRequested: 1, completed: 3 },
    });
    expect(res.body.daily.map((d: { day: string; received: number }) => [d.day, d.received])).to.deep.equal([['2026-09-28', 1], ['2026-10-09', 1], ['2026-10-12', 2]]);
    expect(res.body.overdue.map((o: { caseNumber: string; dueState: string }) => [o.caseNumber, o.dueState])).to.deep.equal([['ZW-A', 'overdue']]);
  });

  it('breaks cases down per department against the legal and promised limits, and steps per approver', async () => {
    const res = await t.http.get('/api/analytics/breakdown').query({ by: 'department' }).set(auth(director)).expect(200);
    expect(res.body.items).to.deep.equal([
      { key: 'zjj', received: 3, throughput: 2, onTimeRate: 0.5, meanWorkingDaysUsed: 4, meanLegalLimitDays: 11, meanPromisedLimitDays: 3.5, correctionsPerCase: 0.3333, returnsPerCase: 0.3333 },
      { key: 'gaj', received: 1, throughput: 1, onTimeRate: 1, meanWorkingDaysUsed: 0, meanLegalLimitDays: 0, meanPromisedLimitDays: 0, correctionsPerCase: 0, returnsPerCase: 0 },
    ]);
    const approvers = await t.http.get('/api/analytics/breakdown').query({ by: 'approver' }).set(auth(director)).expect(200);
    expect(approvers.body.items[0]).to.deep.equal({ key: 'approver.zjj', throughput: 2, onTimeRate: 0.5, meanWorkingDays: 2.5, meanHours: 156.5, returnsPerCase: 0.5 });
  });

  it('assesses windows, clerks and the Shapotou sub-hall on the same measures', async () => {
    const res = await t.http.get('/api/analytics/windows').set(auth(director)).expect(200);
    expect(res.body.zones).to.deep.equal([
      { key: 'city', received: 3, accepted: 2, refused: 1, correctionRequested: 1, correctionsIssued: 1, meanHoursToDecision: 8.6667, completed: 2, onTimeIssuingRate: 0.5 },
      { key: 'shapotou', received: 1, accepted: 1, refused: 0, correctionRequested: 0, correctionsIssued: 0, meanHoursToDecision: 1, completed: 1, onTimeIssuingRate: 1 },
    ]);
    expect(res.body.windows.map((w: { key: string; received: number }) => [w.key, w.received])).to.deep.equal([['C01', 2], ['C02', 1], ['K04-01', 1]]);
    expect(res.body.clerks.map((w: { key: string; received: number }) => [w.key, w.received])).to.deep.equal([['clerk', 3], ['clerk.sp', 1]]);
  });

  it('drills down from an element to the cases waiting there and those that passed it, slowest first', async () => {
    const res = await t.http.get('/api/analytics/element-cases').query({ processId: 'single-department-approval', elementId: 'review' }).set(auth(director)).expect(200);
    expect(res.body.waiting.map((w: { caseNumber: string; overdue: boolean }) => [w.caseNumber, w.overdue])).to.deep.equal([['ZW-A', true]]);
    expect(res.body.passed.map((p: { caseNumber: string; hours: number }) => [p.caseNumber, p.hours])).to.deep.equal([['ZW-A', 241], ['ZW-B', 72]]);
  });

  it('counts a completion delivered twice once, and a rebuild from the facts gives the same figures', async () => {
    await deliver({ type: 'completed', task: task('t-a', 'A', '2026-09-29T01:00:00Z', '2026-10-08T16:00:00Z') });
    const before = (await t.http.get('/api/analytics/bottlenecks').set(auth(director)).expect(200)).body;
    const hallBefore = (await t.http.get('/api/analytics/hall').set(auth(director)).expect(200)).body;
    await t.services.analytics!.rebuild();
    expect((await t.http.get('/api/analytics/bottlenecks').set(auth(director)).expect(200)).body).to.deep.equal(before);
    expect((await t.http.get('/api/analytics/hall').set(auth(director)).expect(200)).body).to.deep.equal(hallBefore);
    expect(before.items.find((i: { elementId: string }) => i.elementId === 'review').through).to.equal(2);
  });

  it('exports a report as a valid XLSX workbook and as CSV with Chinese headers', async () => {
    const xlsx = await t.http.get('/api/analytics/breakdown').query({ by: 'department', format: 'xlsx' }).set(auth(director))
      .buffer(true).parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); }).expect(200);
    expect(xlsx.headers['content-type']).to.contain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).to.equal('分组');
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(2).getCell(2).value, sheet.getRow(2).getCell(4).value]).to.deep.equal(['zjj', 3, 0.5]);
    const csv = await t.http.get('/api/analytics/windows').query({ view: 'zone', format: 'csv' }).set(auth(director)).expect(200);
    expect(csv.text.split('\r\n').slice(0, 2)).to.deep.equal(['\uFEFF窗口/人员/大厅,收件数,受理数,不予受理数,补正件数,补正告知次数,收件至受理决定平均小时,办结数,按时出件率', 'city,3,2,1,1,1,8.6667,2,0.5']);
  });

  it('shows a department head only their own department, and refuses another department and other roles', async () => {
    const head = await t.signIn('admin.zjj');
    const own = await t.http.get('/api/analytics/breakdown').query({ by: 'department' }).set(auth(head)).expect(200);
    expect(own.body.items.map((i: { key: string }) => i.key)).to.deep.equal(['zjj']);
    const other = await t.http.get('/api/analytics/hall').query({ departmentCode: 'gaj' }).set(auth(head)).expect(403);
    expect(other.body.code).to.equal('FORBIDDEN');
    await t.http.get('/api/analytics/hall').set(auth(await t.signIn('approver.zjj'))).expect(403);
    await t.http.get('/api/analytics/hall').expect(401);
  });

  it('refuses a malformed filter with problem+json naming the field', async () => {
    const res = await t.http.get('/api/analytics/hall').query({ from: '2026-13' }).set(auth(director)).expect(400);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.deep.equal(['query.from']);
  });
});

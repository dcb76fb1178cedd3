import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { defineAbilityFor } from '../authz/index.ts';
import { CalendarService } from '../calendar/index.ts';
import type { UserTask } from '../engine/index.ts';
import { testDatabase } from '../../test/support.ts';
import { TaskBoard } from './board.ts';
import { dueStateAt } from './due.ts';
import { taskModel } from './model.ts';

const userTask = (key: string, overrides: Partial<UserTask> = {}): UserTask => ({
  key, processInstanceKey: 'p1', processId: 'single-department-approval', processVersion: 1, elementId: 'review', elementInstanceKey: `e${key}`,
  name: '审查', candidateGroups: ['dept:zjj'], candidateUsers: [], customHeaders: { step: 'review', authority: 'reviewAndReport', limitDays: '3' },
  variables: { caseId: 'ZW20261201-0001', matterCode: 'zjj_sgxk', departmentCode: 'gaj' }, createdAt: '2026-12-01T01:00:00.000Z', ...overrides,
});

describe('task board projection of the engine\'s user tasks', () => {
  let db: Connection;
  let board: TaskBoard;
  const now = new Date('2026-12-01T02:00:00Z'); // Tuesday
  before(async () => {
    db = await testDatabase('task_projection');
    board = new TaskBoard({ db, calendar: new CalendarService({ db }), clock: () => now });
  });
  after(async () => { await db.dropDatabase(); await db.close(); });

  it('makes one task of a created event delivered twice, with department, matter, case and a working-day due date', async () => {
    await board.onUserTask({ type: 'created', task: userTask('101') });
    await board.onUserTask({ type: 'created', task: userTask('101', { name: '重复' }) });
    const tasks = await taskModel(db).find({ _id: '101' }).lean();
    expect(tasks).to.have.length(1);
    expect(tasks[0]).to.include({ name: '审查', departmentCode: 'zjj', matterCode: 'zjj_sgxk', caseNumber: 'ZW20261201-0001', state: 'open', step: 'review', authority: 'reviewAndReport' });
    // 3 working days counted from the next day: Wed 2, Thu 3, Fri 4 December → due at the end of Friday (hall time)
    expect(tasks[0].dueAt!.toISOString()).to.equal('2026-12-04T16:00:00.000Z');
    expect(tasks[0].warnAt!.toISOString()).to.equal('2026-12-02T16:00:00.000Z');
    expect(dueStateAt(tasks[0], new Date('2026-12-03T03:00:00Z'))).to.equal('dueSoon');
    expect(dueStateAt(tasks[0], new Date('2026-12-05T03:00:00Z'))).to.equal('overdue');
  });

  it('takes the task\'s own due date when it has one, and the departmentCode variable without a dept: group', async () => {
    await board.onUserTask({ type: 'created', task: userTask('102', { candidateGroups: ['issuingClerk'], dueDate: '2026-12-10T09:00:00Z' }) });
    const task = await taskModel(db).findById('102').lean();
    expect(task).to.include({ departmentCode: 'gaj' });
    expect(task!.dueAt!.toISOString()).to.equal('2026-12-10T09:00:00.000Z');
  });

  it('closes a task on completed or canceled, and never reopens it on a late duplicate created event', async () => {
    await board.onUserTask({ type: 'completed', task: userTask('101') });
    await board.onUserTask({ type: 'created', task: userTask('101') });
    expect((await taskModel(db).findById('101').lean())!.state).to.equal('completed');
    await board.onUserTask({ type: 'canceled', task: userTask('103') });
    await board.onUserTask({ type: 'created', task: userTask('103') });
    expect((await taskModel(db).findById('103').lean())!.state).to.equal('canceled');
  });

  it('answers the same lists from the in-process index as from the collection, each filtered by the ability', async () => {
    const byDb = new TaskBoard({ db, calendar: new CalendarService({ db }), clock: () => now, memoryIndex: false });
    for (const [key, dept, assignee] of [['201', 'zjj', undefined], ['202', 'zjj', 'approver.zjj'], ['203', 'gaj', undefined], ['204', 'scj', undefined]] as const) {
      await board.onUserTask({ type: 'created', task: userTask(key, { candidateGroups: [`dept:${dept}`], assignee, createdAt: `2026-12-01T0${key.at(-1)}:00:00.000Z` }) });
    }
    // 督办 on one, one done by the approver (已办), applicants on two
    await board.onUserTask({ type: 'created', task: userTask('205', { createdAt: '2026-12-01T05:30:00.000Z', variables: { caseId: 'ZW20261201-0205', matterCode: 'zjj_sgxk', applicantName: '云杉建设' } }) });
    await taskModel(db).updateOne({ _id: '203' }, { $push: { urges: { by: 'director', at: now } }, $set: { lastUrgedAt: now }, $inc: { rev: 1 } });
    await taskModel(db).updateOne({ _id: '201' }, { $set: { applicant: '中卫云杉建设有限公司' }, $inc: { rev: 1 } });
    await taskModel(db).updateOne({ _id: '205' }, { $set: { state: 'completed', completedBy: 'approver.zjj', closedAt: now }, $inc: { rev: 1 } });
    for (const key of ['201', '203', '205']) await board.sync(key);
    const approver = { userId: 'u1', username: 'approver.zjj', roles: ['approver' as const], departmentCode: 'zjj' };
    const director = { userId: 'u2', username: 'director', roles: ['director' as const] };
    for (const principal of [approver, director]) {
      const ability = defineAbilityFor(principal, [], now);
      for (const list of ['all', 'mine', 'groups', 'overdue', 'dueSoon', 'done', 'cc'] as const) {
        for (const extra of [{ sort: '-createdAt' as const }, { sort: 'priority' as const }, { sort: 'dueAt' as const, applicant: '云杉', stage: 'review' }]) {
          const query = { list, page: 1, pageSize: 20, ...extra };
          const [fromIndex, fromDb] = [await board.list(ability, principal, query), await byDb.list(ability, principal, query)];
          expect(fromIndex.items.map((x) => x.key), `${principal.username} ${list} ${JSON.stringify(extra)}`).to.deep.equal(fromDb.items.map((x) => x.key));
          expect(fromIndex.total).to.equal(fromDb.total);
        }
      }
      expect(await board.counts(ability, principal)).to.deep.equal(await byDb.counts(ability, principal));
    }
    const ability = defineAbilityFor(approver, [], now);
    expect((await board.list(ability, approver, { list: 'groups', sort: 'dueAt', page: 1, pageSize: 20 })).items.map((x) => x.key)).to.deep.equal(['201']);
    expect((await board.list(ability, approver, { list: 'mine', sort: 'dueAt', page: 1, pageSize: 20 })).items.map((x) => x.key)).to.deep.equal(['202']);
    expect((await board.list(ability, approver, { list: 'done', sort: 'dueAt', page: 1, pageSize: 20 })).items.map((x) => x.key)).to.deep.equal(['205']);
    expect((await board.list(ability, approver, { list: 'all', sort: 'dueAt', applicant: '云杉', page: 1, pageSize: 20 })).items.map((x) => x.key)).to.deep.equal(['201']);
    const director0 = defineAbilityFor(director, [], now);
    expect((await board.list(director0, director, { list: 'all', sort: 'priority', page: 1, pageSize: 20 })).items[0].key).to.equal('203');
  });
});

import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { MAX_POOL_SIZE } from '../shared/db.ts';
import { loadBoardTasks } from './board-load.ts';
import { taskModel, type TaskDoc } from './model.ts';

describe('board index start-up read (straight from FerretDB\'s SQLite file)', function () {
  let db: Connection;
  const finds: string[] = [];
  const dir = process.env.FERRETDB_SQLITE_DIR;

  before(async function () {
    const uri = new URL(process.env.MONGODB_URI!);
    uri.pathname = `/t_board_load_${process.pid}`;
    db = await mongoose.createConnection(uri.toString(), { maxPoolSize: MAX_POOL_SIZE, monitorCommands: true }).asPromise();
    db.getClient().on('commandStarted', (e) => { if (e.commandName === 'find' && e.command.find === 'tasks') finds.push('find'); });
    const at = new Date('2026-12-01T08:00:00.123Z');
    await taskModel(db).collection.insertMany([
      { _id: 't1', kind: 'engine', name: '审查', state: 'open', candidateGroups: ['dept:zjj', 'dept:gaj'], candidateUsers: [], assignee: null, departmentCode: 'zjj', matterCode: 'zjj_m1', caseNumber: 'ZW-1', dueAt: at, warnAt: null, createdAt: at, carbonCopies: [{ username: 'li', at, read: false }], urges: [{ by: 'wang', at, note: '请尽快' }], rev: 3, sealRequired: true, headers: { form: 'review', n: '2' }, returnTargets: [{ id: 'receive', name: '受理' }], form: { big: 'x'.repeat(1000) }, history: [{ by: 'a', at }], priority: 1.5 },
      { _id: 't2', kind: 'signature', name: '会签', state: 'awaitingSigners', candidateGroups: [], candidateUsers: ['li'], assignee: 'li', parentKey: 't1', departmentCode: 'gaj', matterCode: 'gaj_m2', caseNumber: 'ZW-2', createdAt: at, carbonCopies: [], urges: [], rev: 0, completedBy: null },
      { _id: 't3', kind: 'engine', name: '审批', state: 'completed', candidateGroups: ['dept:scj'], candidateUsers: [], assignee: 'zhao', completedBy: 'zhao', completedAt: at, departmentCode: 'scj', matterCode: 'scj_m', caseNumber: 'ZW-3', createdAt: at, carbonCopies: [], urges: [], rev: 7 },
      { _id: 't4', kind: 'engine', name: '撤回', state: 'canceled', candidateGroups: [], candidateUsers: [], departmentCode: 'scj', matterCode: 'scj_m', caseNumber: 'ZW-4', createdAt: at, carbonCopies: [], urges: [], rev: 1 },
    ] as never[]);
  });
  after(async () => { await db.dropDatabase(); await db.close(); });

  const read = async (sqliteDir?: string) => {
    const out: TaskDoc[] = [];
    await loadBoardTasks(taskModel(db), ['open', 'awaitingSigners', 'completed'], (t) => out.push(t), sqliteDir);
    return out.sort((a, b) => (a._id < b._id ? -1 : 1));
  };

  it('reads the same tasks, field for field (dates as dates, nested lists and objects), as the driver does, without form and history', async function () {
    if (!dir) this.skip(); // only beside a local FerretDB on SQLite (scripts/test sets FERRETDB_SQLITE_DIR); on MongoDB the driver path is the only one
    finds.length = 0;
    const direct = await read(dir);
    expect(finds, 'no find went through the wire protocol').to.deep.equal([]);
    const driver = await read(undefined);
    expect(finds.length).to.be.greaterThan(0);
    expect(direct.map((t) => t._id)).to.deep.equal(['t1', 't2', 't3']);
    expect(direct).to.deep.equal(driver);
    expect(direct[0].dueAt).to.be.instanceOf(Date);
    expect(direct[0]).to.not.have.property('form');
    expect(direct[0]).to.not.have.property('history');
  });
});

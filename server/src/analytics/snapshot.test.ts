import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { CalendarService } from '../calendar/index.ts';
import { testDatabase } from '../../test/support.ts';
import { Analytics } from './analytics.ts';
import { caseFactModel, taskFactModel, type CaseFact, type TaskFact } from './facts.ts';
import { journalModel } from './journal.ts';
import { digestRollups } from './snapshot-codec.ts';

const day0 = Date.parse('2026-09-01T01:00:00Z');
function stepFact(i: number): TaskFact {
  const createdAt = new Date(day0 + (i % 20) * 86_400_000);
  const hours = (i % 7) * 1.25 + 0.5;
  const completedAt = new Date(createdAt.getTime() + hours * 3_600_000);
  return {
    _id: `task-${i}`, matterCode: i % 2 ? 'zjj_sgxk' : 'wjw_ggcs', departmentCode: i % 2 ? 'zjj' : 'wjw', windowNumber: `C0${(i % 5) + 1}`, zone: i % 9 ? 'city' : 'shapotou',
    processId: 'single-department-approval', processVersion: 1 + (i % 2), elementId: i % 3 ? 'review' : 'decide', name: i % 3 ? '审查' : '审批决定',
    caseNumber: `case-${i >> 1}`, assignee: `approver.${i % 2 ? 'zjj' : 'wjw'}`, createdAt, claimedAt: createdAt, completedAt, day: completedAt.toISOString().slice(0, 10),
    dueAt: null, outcome: i % 11 ? 'approved' : 'returned', waitHours: 0.25, handleHours: hours - 0.25, hours, workingDays: Math.floor(hours / 8), overdue: i % 4 === 0,
  };
}
function caseFact(i: number, completed: boolean): CaseFact {
  return {
    _id: `case-${i}`, matterCode: i % 2 ? 'zjj_sgxk' : 'wjw_ggcs', departmentCode: i % 2 ? 'zjj' : 'wjw', windowNumber: `C0${(i % 5) + 1}`, zone: 'city', clerk: `clerk.C0${(i % 5) + 1}`,
    windowGroup: 'comprehensive', day: new Date(day0 + i * 86_400_000).toISOString().slice(0, 10), status: completed ? 'completed' : 'accepted', handlingType: 'promised',
    acceptanceMode: 'standard', decisionHours: 0.5 * (i % 3), completed, onTime: completed ? i % 3 !== 0 : null, workingDaysUsed: completed ? 3 + (i % 4) : null,
    legalLimitDays: 20, promisedLimitDays: 10, corrections: i % 5 === 0 ? 1 : 0, returns: 0, pendingMaterials: false, pendingKept: false, commitment: i % 6 === 0,
  };
}

/**
 * The roll-ups at start (issue 16): the latest snapshot plus the journal entries it does not name
 * give the same figures as folding every fact again, and a crash between a journal entry and the
 * fact's own write (or between two snapshots) loses nothing and counts nothing twice.
 */
describe('director\'s roll-ups restart from a snapshot and the journal after its watermark', () => {
  let db: Connection;
  const fresh = () => new Analytics({ db, calendar: new CalendarService({ db }) });
  const fullRebuild = async () => {
    const a = fresh();
    await a.rebuild();
    return digestRollups(a.rollups);
  };
  let afterCrash: string[];

  before(async () => { db = await testDatabase('analytics_snapshot'); });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('folds only the journal after the snapshot, and the figures equal a full rebuild', async () => {
    const first = fresh();
    await first.ready();
    for (let i = 0; i < 40; i++) await first.store.journal.recordTask(stepFact(i));
    for (let i = 0; i < 10; i++) await first.store.journal.recordCase(caseFact(i, false));
    const head = await first.store.snapshot();
    expect(head.folded).to.have.length(50);
    expect(await journalModel(db).countDocuments(), 'the entries inside the snapshot are pruned').to.equal(0);

    // after the watermark: more steps, five cases completed (their share swapped), one new case
    for (let i = 40; i < 60; i++) await first.store.journal.recordTask(stepFact(i));
    for (let i = 0; i < 5; i++) await first.store.journal.recordCase(caseFact(i, true));
    await first.store.journal.recordCase(caseFact(10, true));
    const expected = digestRollups(first.rollups);
    expect(expected.length).to.be.greaterThan(20);

    // the process dies without a last snapshot; the next one starts from the snapshot and the journal
    const second = fresh();
    await second.ready();
    expect(second.store.lastLoad).to.include({ source: 'snapshot', replayed: 26 });
    expect(digestRollups(second.rollups)).to.deep.equal(expected);
    expect(await fullRebuild()).to.deep.equal(expected);
  });

  it('a crash after the journal entry and before the fact\'s write loses nothing and counts it once', async () => {
    // the journal entries are durable; the process died before the facts were written and folded
    const lost = stepFact(100);
    await journalModel(db).create({ _id: `task:${lost._id}`, at: new Date(), task: lost });
    const { rev, ...current } = (await caseFactModel(db).findById('case-7').lean<CaseFact & { rev: number }>())!;
    await journalModel(db).create({ _id: `case:case-7#${rev + 1}`, at: new Date(), minus: current, plus: caseFact(7, true) });

    const third = fresh();
    await third.ready();
    expect(third.store.lastLoad).to.include({ source: 'snapshot', replayed: 28 });
    expect(await taskFactModel(db).exists({ _id: lost._id }), 'the lost fact is written').to.not.equal(null);
    expect(await caseFactModel(db).findById('case-7').lean<CaseFact & { rev: number }>()).to.include({ completed: true, rev: rev + 1 });
    afterCrash = digestRollups(third.rollups);
    expect(await fullRebuild()).to.deep.equal(afterCrash);

    // a second restart before any snapshot folds the same entries once more, from the same snapshot: not twice
    const fourth = fresh();
    await fourth.ready();
    expect(digestRollups(fourth.rollups)).to.deep.equal(afterCrash);
  });

  it('a redelivered completion or an unchanged case changes nothing, even after its entry was pruned', async () => {
    const a = fresh();
    await a.ready();
    await a.store.snapshot();
    expect(await journalModel(db).countDocuments()).to.equal(0);
    await a.store.journal.recordTask(stepFact(100));
    await a.store.journal.recordTask(stepFact(3));
    await a.store.journal.recordCase(caseFact(7, true));
    expect(digestRollups(a.rollups)).to.deep.equal(afterCrash);
    expect(await journalModel(db).countDocuments()).to.equal(0);

    const b = fresh();
    await b.ready();
    expect(b.store.lastLoad).to.include({ source: 'snapshot', replayed: 0 });
    expect(digestRollups(b.rollups)).to.deep.equal(afterCrash);
  });

  it('a snapshot whose chunk is missing is not used: every fact is folded instead', async () => {
    const a0 = fresh();
    const head = await a0.store.snapshots.head();
    await a0.store.snapshots.chunkCollection(head!.id).deleteOne({ _id: '0' });
    const a = fresh();
    await a.ready();
    expect(a.store.lastLoad?.source).to.equal('facts');
    expect(digestRollups(a.rollups)).to.deep.equal(afterCrash);
  });
});

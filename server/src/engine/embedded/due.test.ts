import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../../test/support.ts';
import { DatabaseDue, MemoryDue } from './due.ts';
import { collections, type Collections } from './store.ts';
import type { InstanceDoc } from './state.ts';
import type { StoredInstance } from './codec.ts';

type Due = Pick<InstanceDoc, '_id' | 'jobDue' | 'nextTimerAt' | 'state'>;
const doc = (id: string, jobDue: Record<string, number>, nextTimerAt: number | null, state: InstanceDoc['state'] = 'active'): Due => ({ _id: id, jobDue, nextTimerAt, state });

describe('engine: where the pollers and the scheduler find due work', () => {
  let db: Connection;
  let c: Collections;
  before(async () => {
    db = await testDatabase('engine_due');
    c = collections(db);
    await c.instances.insertMany([
      doc('i1', { review: 100, 'io_camunda_zeebe:userTask': 50 }, 300),
      doc('i2', { review: 500 }, 90),
      doc('i3', {}, null),
      doc('i4', {}, null, 'completed'), // a finished instance keeps nothing due (Step.finish)
    ] as unknown as StoredInstance[]);
  });
  after(async () => { await db.dropDatabase(); await db.close(); });

  it('answers the same from the database (MongoDB) and from the in-process copy (FerretDB)', async () => {
    const memory = new MemoryDue(c);
    await memory.load(Date.now());
    const database = new DatabaseDue(c);
    for (const source of [database, memory]) {
      expect((await source.jobs('review', 200, 10)).sort(), source.constructor.name).to.deep.equal(['i1']);
      expect((await source.jobs('review', 600, 10)).sort()).to.deep.equal(['i1', 'i2']);
      expect((await source.jobs('review', 600, 1))).to.have.length(1);
      expect(await source.jobs('io.camunda.zeebe:userTask', 60, 10)).to.deep.equal(['i1']);
      expect((await source.timers(100, 10)).sort()).to.deep.equal(['i2']);
      expect(await source.timers(50, 10)).to.deep.equal([]);
    }
  });

  it('follows every instance it is shown: a job taken, a timer fired, a new job', async () => {
    const memory = new MemoryDue(c);
    await memory.load(Date.now());
    memory.saw(doc('i1', { 'io_camunda_zeebe:userTask': 50 }, null));
    memory.saw(doc('i3', { review: 1 }, 5));
    expect((await memory.jobs('review', 600, 10)).sort()).to.deep.equal(['i2', 'i3']);
    expect((await memory.timers(100, 10)).sort()).to.deep.equal(['i2', 'i3']);
    memory.saw(doc('i2', {}, null, 'completed'));
    expect(await memory.jobs('review', 600, 10)).to.deep.equal(['i3']);
    expect(await memory.timers(100, 10)).to.deep.equal(['i3']);
  });
});

import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { ClaimStore } from './claims.ts';

describe('claims with leases: one owner of a piece of work at a time, taken over when the owner died', () => {
  let db: Connection;
  let time: number;
  const now = () => new Date(time);

  beforeEach(async () => {
    db = await testDatabase('claims');
    time = Date.parse('2026-12-01T08:00:00Z');
  });
  afterEach(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('gives a key to exactly one of eight processes claiming it at the same moment', async () => {
    const stores = Array.from({ length: 8 }, (_, i) => new ClaimStore(db, { now, host: 'hall-a', pid: 100 + i, alive: () => true }));
    const claims = await Promise.all(stores.map((s) => s.tryClaim('outbox:ZW1', 60_000)));
    expect(claims.filter(Boolean)).to.have.length(1);
  });

  it('refuses a key its owner holds, also to the owner asking again, and gives it once released', async () => {
    const a = new ClaimStore(db, { now, host: 'hall-a', pid: 100, alive: () => true });
    const b = new ClaimStore(db, { now, host: 'hall-b', pid: 200, alive: () => true });
    const held = await a.tryClaim('sweep:intake', 60_000);
    expect(held).to.not.equal(null);
    expect(await a.tryClaim('sweep:intake', 60_000)).to.equal(null);
    expect(await b.tryClaim('sweep:intake', 60_000)).to.equal(null);
    expect(await b.tryClaim('sweep:other', 60_000), 'another key is free').to.not.equal(null);
    await held!.release();
    expect(await b.tryClaim('sweep:intake', 60_000)).to.not.equal(null);
  });

  it('takes over a claim of another host after its expiry, not before', async () => {
    await new ClaimStore(db, { now, host: 'hall-a', pid: 100 }).tryClaim('outbox:ZW2', 60_000);
    const b = new ClaimStore(db, { now, host: 'hall-b', pid: 200 });
    time += 59_000;
    expect(await b.tryClaim('outbox:ZW2', 60_000)).to.equal(null);
    time += 1_000;
    const taken = await b.tryClaim('outbox:ZW2', 60_000);
    expect(taken?.generation).to.equal(2);
    expect((await b.holder('outbox:ZW2'))?.owner).to.equal(b.owner);
    expect(await db.collection('work_claims').countDocuments({ key: 'outbox:ZW2' }), 'the dead generation is removed').to.equal(1);
  });

  it('takes over at once a claim whose owner on this host was killed', async () => {
    await new ClaimStore(db, { now, host: 'hall-a', pid: 100 }).tryClaim('outbox:ZW3', 60_000);
    const restarted = new ClaimStore(db, { now, host: 'hall-a', pid: 101, alive: (pid) => pid !== 100 });
    expect(await restarted.tryClaim('outbox:ZW3', 60_000)).to.not.equal(null);
  });

  it('runs claimed work once when two owners race, and skips it for the loser', async () => {
    const a = new ClaimStore(db, { now, host: 'hall-a', pid: 100, alive: () => true });
    const b = new ClaimStore(db, { now, host: 'hall-b', pid: 200, alive: () => true });
    let runs = 0;
    const work = async () => { runs++; await new Promise((r) => setTimeout(r, 50)); return runs; };
    const results = await Promise.all([a.runClaimed('k', 60_000, work), b.runClaimed('k', 60_000, work)]);
    expect(runs).to.equal(1);
    expect(results.filter((r) => r.skipped)).to.have.length(1);
    expect(await a.holder('k'), 'released after the work').to.equal(null);
  });
});

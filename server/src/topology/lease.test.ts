import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { LeaseHeldError, StartupLease } from './lease.ts';

async function refusal(promise: Promise<unknown>): Promise<Error | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

describe('topology single: one server process per database, by a start-up lease', () => {
  let db: Connection;
  let time: number;
  const now = () => new Date(time);

  beforeEach(async () => {
    db = await testDatabase('lease');
    time = Date.parse('2026-12-01T08:00:00Z');
  });
  afterEach(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('refuses a second server while the first one lives, naming it', async () => {
    await new StartupLease(db, { now, host: 'hall-a', pid: 100 }).acquire();
    const error = await refusal(new StartupLease(db, { now, host: 'hall-a', pid: 200, alive: () => true }).acquire());
    expect(error).to.be.instanceOf(LeaseHeldError);
    expect(error!.message).to.match(/pid 100 on hall-a/);
  });

  it('gives way at once to a server restarted on the same host after its predecessor was killed', async () => {
    await new StartupLease(db, { now, host: 'hall-a', pid: 100 }).acquire();
    const next = new StartupLease(db, { now, host: 'hall-a', pid: 200, alive: (pid) => pid !== 100 });
    await next.acquire();
    expect(await next.renew()).to.equal(true);
  });

  it('waits for the lease of a server on another host to expire, then takes over; the old one then cannot renew', async () => {
    const first = new StartupLease(db, { now, host: 'hall-a', pid: 100, ttlMs: 30_000 });
    await first.acquire();
    const other = new StartupLease(db, { now, host: 'hall-b', pid: 100, ttlMs: 30_000 });
    expect(await refusal(other.acquire())).to.be.instanceOf(LeaseHeldError);
    time += 31_000;
    await other.acquire();
    expect(await first.renew()).to.equal(false);
    expect(await other.renew()).to.equal(true);
  });

  it('lets exactly one of five servers starting at the same moment take an expired lease', async () => {
    await new StartupLease(db, { now, host: 'hall-a', pid: 1 }).acquire();
    time += 60_000;
    const racers = Array.from({ length: 5 }, (_, i) => new StartupLease(db, { now, host: `hall-${i}`, pid: 10 + i }));
    const results = await Promise.allSettled(racers.map((r) => r.acquire()));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof LeaseHeldError)).to.equal(true);
  });

  it('is free again after a clean stop', async () => {
    const first = new StartupLease(db, { now, host: 'hall-a', pid: 100 });
    await first.acquire();
    await first.release();
    await new StartupLease(db, { now, host: 'hall-a', pid: 200, alive: () => true }).acquire();
  });
});

import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { FailureLimiter, StoredFailureLimiter } from './limiter.ts';

describe('failure limiter', () => {
  it('locks a key after max failures in the window and frees it when the oldest leaves the window', async () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 1000, () => now);
    for (let i = 0; i < 3; i++) { expect(await limiter.retryAfterMs('a')).to.equal(0); await limiter.fail('a'); now += 100; }
    expect(await limiter.retryAfterMs('a')).to.equal(700);
    expect(await limiter.retryAfterMs('b')).to.equal(0);
    now = 1001;
    expect(await limiter.retryAfterMs('a')).to.equal(0);
  });

  describe('kept in the database (topology cluster)', () => {
    let db: Connection;
    before(async () => { db = await testDatabase('limiter'); });
    after(async () => { await db.dropDatabase(); await db.close(); });

    it('counts the failures of two server processes together and frees the key when the oldest leaves the window', async () => {
      let now = Date.parse('2026-12-01T08:00:00Z');
      const [a, b] = [0, 1].map(() => new StoredFailureLimiter(db, 'progress', 3, 1000, () => now));
      await a.fail('ZW1');
      now += 100;
      await b.fail('ZW1');
      now += 100;
      expect(await a.retryAfterMs('ZW1')).to.equal(0);
      await a.fail('ZW1');
      expect(await b.retryAfterMs('ZW1'), 'the other process sees the lock').to.equal(800);
      expect(await b.retryAfterMs('ZW2')).to.equal(0);
      expect(await new StoredFailureLimiter(db, 'other', 3, 1000, () => now).retryAfterMs('ZW1'), 'scopes are apart').to.equal(0);
      now += 801;
      expect(await a.retryAfterMs('ZW1')).to.equal(0);
    });
  });
});

import { expect } from 'chai';
import type { ActiveDelegation } from '../authz/index.ts';
import { DelegationCache, TTL_MS } from './active-cache.ts';

const row = (id: string): ActiveDelegation => ({
  id, departmentCode: 'zjj', powers: ['decide'], allMatters: true, matterCodes: [],
  validFrom: new Date('2026-01-01'), validUntil: new Date('2027-01-01'), revokedAt: null,
});

describe('delegation cache: an approver\'s delegations between requests', () => {
  it('reads the database once within the TTL, again after it, and again at once after a change', async () => {
    let now = 1_000;
    const cache = new DelegationCache(() => now);
    let loads = 0;
    const load = async () => { loads++; return [row(`d${loads}`)]; };
    expect((await cache.get('u1', load))[0].id).to.equal('d1');
    now += TTL_MS - 1;
    expect((await cache.get('u1', load))[0].id).to.equal('d1');
    now += 1;
    expect((await cache.get('u1', load))[0].id).to.equal('d2');
    cache.changed('u1');
    expect((await cache.get('u1', load))[0].id).to.equal('d3');
    expect(loads).to.equal(3);
  });

  it('never keeps an answer read before a revocation that landed while it was being read', async () => {
    const cache = new DelegationCache(() => 0);
    let release!: () => void;
    const slow = cache.get('u1', () => new Promise((resolve) => { release = () => resolve([row('stale')]); }));
    cache.changed('u1');
    release();
    expect((await slow)[0].id).to.equal('stale');
    expect(await cache.get('u1', async () => [])).to.deep.equal([]);
  });
});

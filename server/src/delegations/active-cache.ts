/**
 * The delegations of each approver, kept briefly in process: every request of an approver builds
 * its ability from them, and on FerretDB 1.24 that read scans the delegations collection (only
 * `_id` filters are pushed down) — one database round trip per request just to learn "nothing
 * changed". Validity is still judged at the moment of use (`isActive`), so a delegation starts and
 * ends on time; a grant or revocation made through this process drops the user's entry before it
 * answers, so it counts from the next request. Another process sharing a MongoDB database sees a
 * change within `TTL_MS` (docs/authority.md); FerretDB runs one server process per database.
 */
import type { Connection } from 'mongoose';
import type { ActiveDelegation } from '../authz/index.ts';

export const TTL_MS = 2_000;

interface Entry {
  at: number;
  rows: ActiveDelegation[];
}

export class DelegationCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change, so a read that began before a change never stores its stale answer. */
  private generation = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** The user's unrevoked delegations (any validity), from the cache or `load`. */
  async get(userId: string, load: () => Promise<ActiveDelegation[]>): Promise<ActiveDelegation[]> {
    const hit = this.entries.get(userId);
    if (hit && this.clock() - hit.at < TTL_MS) return hit.rows;
    const generation = this.generation;
    const at = this.clock();
    const rows = await load();
    if (generation === this.generation) this.entries.set(userId, { at, rows });
    return rows;
  }

  /** A delegation of the user was granted or revoked. */
  changed(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }
}

const caches = new WeakMap<Connection, DelegationCache>();

/** One cache per database connection, shared by every service built on it. */
export function delegationCacheOf(db: Connection): DelegationCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new DelegationCache()));
  return cache;
}

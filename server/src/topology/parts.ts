import type { Connection } from 'mongoose';
import { detectFerretDb } from '../shared/ferretdb-guard.ts';
import { FailureLimiter, StoredFailureLimiter, type FailureCounter } from '../shared/limiter.ts';

/**
 * How many server processes serve one database (docs/reliability.md):
 * - `single` (default): one process, held by the start-up lease (lease.ts); in-process indexes and
 *   limiters are right because that process sees every write.
 * - `cluster`: several processes on a MongoDB replica set; everything kept in one process is either
 *   off or kept in the database. This file is the one place that says which part runs how.
 */
export const topologies = ['single', 'cluster'] as const;
export type Topology = (typeof topologies)[number];

export interface TopologyParts {
  topology: Topology;
  /** Board lists from the in-process index (single) or from the database's indexes (cluster). */
  boardMemoryIndex: boolean;
  /** A failure limiter counted in this process (single) or in the database (cluster). */
  limiter(scope: string, max: number, windowMs: number): FailureCounter;
}
// The Zeebe adapter's open user tasks follow the topology too (engine/index.ts, engine/zeebe/open-tasks.ts);
// the sign-in lockout is in the database in both (auth/lockout.ts), the outbox and sweeps run under claims (claims.ts).

export function topologyParts(topology: Topology, db: Connection): TopologyParts {
  const cluster = topology === 'cluster';
  return {
    topology,
    boardMemoryIndex: !cluster,
    limiter: (scope, max, windowMs) => (cluster ? new StoredFailureLimiter(db, scope, max, windowMs) : new FailureLimiter(max, windowMs)),
  };
}

export class TopologyRefused extends Error {}

/**
 * Topology `cluster` needs MongoDB (a replica set): FerretDB 1.24 runs a conditional update as a read
 * and a separate write, so guarded updates from two processes can both pass, and it has no change
 * streams or transactions. Refused there unless `allowFerretDb` (tests that check, on this machine,
 * only what does not depend on that: claims, the limiter, the lockout, inserts under unique keys).
 */
export async function assertClusterDatabase(db: Connection, options: { allowFerretDb?: boolean } = {}): Promise<void> {
  if (!(await detectFerretDb(db)) || options.allowFerretDb) return;
  throw new TopologyRefused('ONEWINDOW_TOPOLOGY=cluster needs MongoDB (a replica set): this database is FerretDB, which runs a conditional '
    + 'update as a read and a separate write, so two server processes would lose updates and pass each other\'s guards. '
    + 'Run one server process (ONEWINDOW_TOPOLOGY=single) on FerretDB, or point MONGODB_URI at a MongoDB replica set.');
}

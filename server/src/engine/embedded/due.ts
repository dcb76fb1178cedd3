/**
 * Where the job pollers and the timer scheduler find instances with something due.
 *
 * On MongoDB the indexed fields `jobDue.<type>` and `nextTimerAt` are queried, so several engine
 * processes may share a database. FerretDB 1.24 pushes down only `_id` filters: those queries
 * scan and parse every instance document, once per poll per job type (≈ 150 ms at a few hundred
 * instances, seconds at tens of thousands). There one engine process owns the database anyway
 * (docs/database.md), so it reads the due times once at start and keeps them in process from every
 * instance it loads or saves. That is an index of due times, not instance state: every event
 * still loads its instance from the database, and a stale entry only costs one `_id` read.
 */
import type { Collections } from './store.ts';
import { jobDueField, type InstanceDoc } from './state.ts';
import type { InstanceCache } from './cache.ts';
import type { StoredInstance } from './codec.ts';

type DueFields = Pick<InstanceDoc, '_id' | 'jobDue' | 'nextTimerAt' | 'state'>;

export interface DueLookup {
  /** Read at start (the in-process index scans once here, and fills `live` with what is due at `now`). */
  load(now: number, live?: InstanceCache): Promise<void>;
  /** Keys of active instances with an open job (locked or not). */
  withJobs(): Promise<string[]>;
  /** Keys of instances with a job of `type` due at `now` (at most `limit`). */
  jobs(type: string, now: number, limit: number): Promise<string[]>;
  /** Keys of instances with a timer due at `now` (at most `limit`). */
  timers(now: number, limit: number): Promise<string[]>;
  /** An instance as loaded or saved. */
  saw(doc: DueFields): void;
}

/** MongoDB: the database's indexes answer. */
export class DatabaseDue implements DueLookup {
  constructor(private readonly c: Collections) {}
  async load(): Promise<void> {}
  saw(): void {}

  async withJobs(): Promise<string[]> {
    const docs = await this.c.instances.find({ state: 'active' }, { projection: { _id: 1, jobDue: 1 } }).toArray();
    return docs.filter((d) => Object.keys(d.jobDue ?? {}).length).map((d) => d._id);
  }

  async jobs(type: string, now: number, limit: number): Promise<string[]> {
    const docs = await this.c.instances.find({ [`jobDue.${jobDueField(type)}`]: { $lte: now } }, { projection: { _id: 1 }, limit }).toArray();
    return docs.map((d) => d._id);
  }

  async timers(now: number, limit: number): Promise<string[]> {
    const docs = await this.c.instances.find({ nextTimerAt: { $lte: now } }, { projection: { _id: 1 }, limit }).toArray();
    return docs.map((d) => d._id);
  }
}

/** FerretDB, one engine process per database: due times kept in process. */
export class MemoryDue implements DueLookup {
  private readonly timerAt = new Map<string, number>();
  /** jobDue field → instance → earliest due. */
  private readonly jobAt = new Map<string, Map<string, number>>();

  constructor(private readonly c: Collections) {}

  /**
   * One pass over the active instances, in pages of the cursor. FerretDB reads and parses the whole
   * document even for a projection, so where the process keeps live instances (`live`) it takes the
   * whole documents and keeps those with a due timer or an open job: the restart pick-up then
   * advances them without reading each one again.
   */
  async load(now: number, live?: InstanceCache): Promise<void> {
    const projection = live ? undefined : { jobDue: 1, nextTimerAt: 1, state: 1 };
    const cursor = this.c.instances.find({ state: 'active' }, { projection, batchSize: 1000 });
    for await (const doc of cursor) {
      this.saw(doc as DueFields);
      const due = (doc.nextTimerAt !== null && doc.nextTimerAt !== undefined && doc.nextTimerAt <= now) || Object.keys(doc.jobDue ?? {}).length > 0;
      if (live && due && live.free > 0) live.set(doc as StoredInstance);
    }
  }

  async withJobs(): Promise<string[]> {
    const keys = new Set<string>();
    for (const byInstance of this.jobAt.values()) for (const key of byInstance.keys()) keys.add(key);
    return [...keys];
  }

  saw(doc: DueFields): void {
    if (doc.nextTimerAt === null || doc.nextTimerAt === undefined) this.timerAt.delete(doc._id);
    else this.timerAt.set(doc._id, doc.nextTimerAt);
    const jobDue = doc.jobDue ?? {};
    for (const [field, byInstance] of this.jobAt) if (!(field in jobDue)) byInstance.delete(doc._id);
    for (const [field, due] of Object.entries(jobDue)) {
      let byInstance = this.jobAt.get(field);
      if (!byInstance) this.jobAt.set(field, (byInstance = new Map()));
      byInstance.set(doc._id, due);
    }
  }

  async jobs(type: string, now: number, limit: number): Promise<string[]> {
    return dueKeys(this.jobAt.get(jobDueField(type)), now, limit);
  }

  async timers(now: number, limit: number): Promise<string[]> {
    return dueKeys(this.timerAt, now, limit);
  }
}

function dueKeys(map: Map<string, number> | undefined, now: number, limit: number): string[] {
  const keys: string[] = [];
  if (!map) return keys;
  for (const [key, due] of map) {
    if (due > now) continue;
    keys.push(key);
    if (keys.length >= limit) break;
  }
  return keys;
}

/**
 * Group commit: instance writes that arrive while the previous batch is being written (or in the
 * same turn of the event loop) go out together as one `bulkWrite` on `engine_instances`, then one
 * insert of all their event-log lines (one page, event-log.ts). Each caller's promise settles only after that write
 * returned, so nothing is acknowledged before it is durable; a crash inside a batch loses only
 * unanswered events (each caller's event is re-delivered or re-done after a restart, as before).
 *
 * Events of one instance never share a batch: the per-instance lock is held until the write returns.
 * An update carries the version guard `{_id, rev}` where the database makes it atomic (MongoDB);
 * FerretDB pushes down only `_id` (mutex.ts says why the in-process lock is the guard there). The
 * bulk result counts matches only in total: when it falls short, one read finds which missed.
 */
import type { Logger } from 'pino';
import { MongoBulkWriteError, type AnyBulkWriteOperation } from 'mongodb';
import type { EngineEvent } from '../port.ts';
import type { StoredInstance } from './codec.ts';
import type { Collections } from './store.ts';
import { isBusy, retryBusy } from './busy.ts';
import { eventPage } from './event-log.ts';

export type InstanceWrite = { kind: 'insert'; doc: StoredInstance } | { kind: 'update'; doc: StoredInstance; rev: number };
/** `written`; `conflict`: the update matched nothing (another writer, or gone); `duplicate`: the insert's key exists. */
export type WriteOutcome = 'written' | 'conflict' | 'duplicate';

interface Pending {
  write: InstanceWrite;
  lines: EngineEvent[];
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

/**
 * At most this many instance writes per bulkWrite. Batches of up to 256 stalled FerretDB 1.24 for
 * good during the restart pick-up (no answer to any command, no CPU: its SQLite pool waiting on
 * itself, as docs/database.md describes for concurrent updates); at 32 it ran through.
 */
const MAX_BATCH = 32;
const BUSY_ATTEMPTS = 60;

export class GroupCommit {
  private queue: Pending[] = [];
  private draining = false;
  /** Batch size → how many batches of that size were written (the benchmark reports it). */
  readonly sizes = new Map<number, number>();

  /** `guarded`: updates carry `{_id, rev}` and are matched one by one (MongoDB); else `{_id}` in one bulk (FerretDB). */
  constructor(private readonly c: Collections, public guarded: boolean, private readonly logger: Logger) {}

  /** Queues one instance write with its log lines; settles after the batch holding it is written. */
  write(write: InstanceWrite, lines: EngineEvent[]): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, lines, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      // Writes queued in this turn of the loop join the first batch.
      setImmediate(() => { void this.drain(); });
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) await this.commit(this.queue.splice(0, MAX_BATCH));
    this.draining = false;
  }

  private async commit(batch: Pending[]): Promise<void> {
    this.sizes.set(batch.length, (this.sizes.get(batch.length) ?? 0) + 1);
    let outcomes: (WriteOutcome | Error)[];
    try {
      outcomes = await this.writeInstances(batch.map((p) => p.write));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const lines = batch.flatMap((p, i) => (outcomes[i] === 'written' ? p.lines : []));
    if (lines.length) {
      try {
        await retryBusy(() => this.c.events.insertOne(eventPage(lines)));
      } catch (error) {
        // The instances are saved; only log lines are lost (at most once), as README says.
        this.logger.error({ err: error, lines: lines.length }, 'engine: event log write failed');
      }
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) p.reject(outcome);
      else p.resolve(outcome);
    });
  }

  /** One unordered bulkWrite; writes refused as busy are sent again (they did not happen). */
  private async writeInstances(writes: InstanceWrite[]): Promise<(WriteOutcome | Error)[]> {
    const outcomes: (WriteOutcome | Error | undefined)[] = writes.map(() => undefined);
    // A write sent again after `busy` may have happened after all: its insert's duplicate is its own.
    const retried = new Set<number>();
    let todo = writes.map((_, i) => i);
    for (let attempt = 1; todo.length; attempt++) {
      // The version guard needs each update's own match count (cluster: several writers).
      const failed = this.guarded
        ? (await Promise.all(todo.map((i) => this.bulk(writes, [i], outcomes)))).flat()
        : await this.bulk(writes, todo, outcomes);
      for (const i of retried) if (outcomes[i] === 'duplicate') outcomes[i] = 'written';
      const busy = failed.filter((i) => isBusy(outcomes[i]));
      if (!busy.length || attempt >= BUSY_ATTEMPTS) break;
      for (const i of busy) {
        outcomes[i] = undefined;
        retried.add(i);
      }
      todo = busy;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * Math.min(200, 5 * attempt)));
    }
    return outcomes as (WriteOutcome | Error)[];
  }

  /** Sends `todo`, fills `outcomes`, returns the indexes that failed with an error. */
  private async bulk(writes: InstanceWrite[], todo: number[], outcomes: (WriteOutcome | Error | undefined)[]): Promise<number[]> {
    const ops: AnyBulkWriteOperation<StoredInstance>[] = todo.map((i) => {
      const w = writes[i];
      if (w.kind === 'insert') return { insertOne: { document: w.doc } };
      const { _id, ...fields } = w.doc;
      return { updateOne: { filter: this.guarded ? { _id, rev: w.rev } : { _id }, update: { $set: fields } } };
    });
    const errors = new Map<number, Error & { code?: number }>();
    let matched: number;
    try {
      matched = (await this.c.instances.bulkWrite(ops, { ordered: false })).matchedCount;
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) {
        if (!isBusy(error)) throw error;
        for (const i of todo) outcomes[i] = error as Error;
        return todo;
      }
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      for (const e of writeErrors) {
        errors.set(todo[e.index], Object.assign(new Error(e.errmsg ?? `write error ${e.code}`), { code: e.code }));
      }
      matched = error.result.matchedCount;
    }
    const updates: number[] = [];
    for (const i of todo) {
      const error = errors.get(i);
      if (error) outcomes[i] = error.code === 11000 ? 'duplicate' : error;
      else {
        outcomes[i] = 'written';
        if (writes[i].kind === 'update') updates.push(i);
      }
    }
    if (matched < updates.length && todo.length === 1) outcomes[updates[0]] = 'conflict';
    else if (matched < updates.length) await this.findMisses(writes, updates, outcomes);
    return todo.filter((i) => outcomes[i] instanceof Error);
  }

  /** Some updates (unguarded: one owner) matched nothing: those whose document is gone lost. */
  private async findMisses(writes: InstanceWrite[], updates: number[], outcomes: (WriteOutcome | Error | undefined)[]): Promise<void> {
    const ids = updates.map((i) => writes[i].doc._id);
    const found = await this.c.instances.find({ _id: { $in: ids } }, { projection: { rev: 1 } }).toArray();
    const revs = new Map(found.map((d) => [d._id, d.rev]));
    for (const i of updates) if (revs.get(writes[i].doc._id) !== writes[i].doc.rev) outcomes[i] = 'conflict';
  }
}

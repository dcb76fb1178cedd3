/**
 * Timers fire from MongoDB: instances and timer start events carry their earliest due time
 * (indexed), the scheduler reads what is due, so a timer that fell due while the server was down
 * fires on start. In-process it also wakes exactly at the next known due time.
 * https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/
 */
import type { Logger } from 'pino';
import { applyEvent, createInstance, type InstanceDeps } from './instance.ts';
import type { DefinitionCache } from './store.ts';
import { addDuration } from './time.ts';
import { retryBusy } from './busy.ts';

type Deps = InstanceDeps & { cacheFind: DefinitionCache['find'] };
const BATCH = 500;
/**
 * Instances advanced at once. Reading each one (topology cluster): more only queue on the database
 * (and FerretDB's pool can deadlock, docs/database.md). From the cache (single): the steps run in
 * memory and their writes share the group commit's batches, so many at once make big batches.
 */
const CONCURRENCY = { reading: 8, cached: 64 };

export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export class Scheduler {
  private running = false;
  private wake?: () => void;
  private timer?: NodeJS.Timeout;
  private nextWake = Infinity;
  private loopDone?: Promise<void>;
  private passing?: Promise<void>;

  constructor(private readonly deps: () => Deps, private readonly logger: Logger, private readonly idleMs: number) {}

  start(): void {
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
  }

  /** Wakes the loop at `due` (epoch ms of the engine clock) if that is sooner than planned. */
  wakeAt(due: number): void {
    if (!this.running || due >= this.nextWake) return;
    const delay = Math.max(0, due - this.deps().now());
    if (delay > this.idleMs) return;
    this.nextWake = due;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake?.(), delay);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.runDue();
      } catch (error) {
        this.logger.warn({ err: error }, 'engine: timer pass failed');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        this.wake = () => { clearTimeout(this.timer); this.wake = undefined; this.nextWake = Infinity; resolve(); };
        this.nextWake = this.deps().now() + this.idleMs;
        this.timer = setTimeout(() => this.wake?.(), this.idleMs);
      });
    }
  }

  /** One pass over everything due now (serialised: concurrent callers share the pass). */
  async runDue(): Promise<void> {
    while (this.passing) await this.passing;
    this.passing = this.pass().finally(() => { this.passing = undefined; });
    return this.passing;
  }

  private async pass(): Promise<void> {
    const deps = this.deps();
    for (;;) {
      const now = deps.now();
      const keys = await deps.due.timers(now, BATCH);
      let fired = 0;
      await forEachLimited(keys, deps.live ? CONCURRENCY.cached : CONCURRENCY.reading, async (key) => {
        // One event per due timer; a cycle moves its timer on, so the loop ends.
        for (;;) {
          const ok = await applyEvent(deps, key, (s) => {
            const timer = s.doc.timers.find((t) => t.due <= now);
            return timer ? s.fireTimer(timer.key) : false;
          }).catch((error) => { this.logger.warn({ err: error, instance: key }, 'engine: timer failed'); return false; });
          if (!ok) break;
          fired++;
        }
      });
      if (keys.length < BATCH || fired === 0) break;
    }
    await this.startTimerStarts(deps);
    await retryBusy(() => deps.c.messages.deleteMany({ expiresAt: { $lte: deps.now() } }));
  }

  /** Timer start events of the latest versions: claim the due time with a guarded update, then start. */
  private async startTimerStarts(deps: Deps): Promise<void> {
    const now = deps.now();
    const defs = await deps.c.definitions.find({ nextTimerAt: { $lte: now } }, { projection: { xml: 0 } }).toArray();
    for (const def of defs) {
      for (const t of def.timers) {
        if (t.due > now) continue;
        const again = t.interval && (t.repetitions === -1 || (t.repetitions ?? 0) > 1);
        const timers = def.timers.map((x) => x !== t ? x : again ? { ...x, due: addDuration(x.due, x.interval!), repetitions: x.repetitions! > 0 ? x.repetitions! - 1 : -1 } : null).filter((x) => x !== null);
        const nextTimerAt = timers.length ? Math.min(...timers.map((x) => x.due)) : null;
        const claimed = await retryBusy(() => deps.c.definitions.updateOne({ _id: def._id, nextTimerAt: def.nextTimerAt, latest: true }, { $set: { timers, nextTimerAt } }));
        if (!claimed.modifiedCount) break;
        await createInstance(deps, def, { startNodeId: t.nodeId });
        def.timers = timers;
        def.nextTimerAt = nextTimerAt;
      }
    }
  }
}

/**
 * Job workers: jobs created in this process are locked in the same save and handed straight to
 * the handler; anything else (after a restart, a lock timeout, a retry backoff, a full worker) is
 * found by polling MongoDB and locked with a guarded update. A handler's JobResult is applied as
 * one more event. https://docs.camunda.io/docs/components/concepts/job-workers/
 */
import type { Logger } from 'pino';
import type { Job, JobHandler, JobResult, WorkerOptions } from '../port.ts';
import { NEVER, type InstanceDoc, type JobState } from './state.ts';
import { applyEvent, visibleVariables, type InstanceDeps } from './instance.ts';
import { forEachLimited } from './scheduler.ts';

interface Worker {
  type: string;
  handler: JobHandler;
  max: number;
  timeoutMs: number;
  active: number;
  idleMs: number;
  /** A job was created while the worker was full: poll when room frees up. */
  missed: boolean;
  wake?: () => void;
  timer?: NodeJS.Timeout;
}

const IDLE_MIN_MS = 20;

export class JobRunner {
  private readonly workers = new Map<string, Worker>();
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;

  constructor(private readonly deps: () => InstanceDeps, private readonly workerId: string, private readonly logger: Logger, private readonly idleMaxMs: number) {}

  register(type: string, handler: JobHandler, options: WorkerOptions = {}): void {
    const w: Worker = { type, handler, max: options.maxActiveJobs ?? 4, timeoutMs: options.timeoutMs ?? 300_000, active: 0, idleMs: IDLE_MIN_MS, missed: false };
    this.workers.set(type, w);
    if (this.running) void this.loop(w);
  }

  start(): void {
    this.running = true;
    for (const w of this.workers.values()) void this.loop(w);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const w of this.workers.values()) w.wake?.();
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Locks new jobs for local workers with room, in the same save that creates them. */
  reserve(jobs: JobState[], now: number): JobState[] {
    const taken: JobState[] = [];
    for (const job of jobs) {
      const w = this.workers.get(job.type);
      if (!w || !this.running) continue;
      if (job.due > now) {
        w.missed = true;
        continue;
      }
      if (w.active >= w.max) {
        w.missed = true;
        continue;
      }
      w.active++;
      job.worker = this.workerId;
      job.due = now + w.timeoutMs;
      taken.push(job);
    }
    return taken;
  }

  release(jobs: JobState[]): void {
    for (const job of jobs) this.workers.get(job.type)!.active--;
  }

  /** Runs the handlers of jobs locked to this process (after their save). */
  dispatch(doc: InstanceDoc, jobs: JobState[]): void {
    for (const job of jobs) {
      const w = this.workers.get(job.type)!;
      const p = this.run(w, doc, job).finally(() => {
        this.inFlight.delete(p);
        w.active--;
        if (w.missed) {
          w.missed = false;
          w.wake?.();
        }
      });
      this.inFlight.add(p);
    }
  }

  private async run(w: Worker, doc: InstanceDoc, state: JobState): Promise<void> {
    const job: Job = {
      key: state.key, type: state.type, processInstanceKey: doc._id, processId: doc.processId, processVersion: doc.version,
      elementId: state.nodeId, elementInstanceKey: state.elementInstanceKey, retries: state.retries, customHeaders: { ...state.headers },
      variables: visibleVariables(doc, state.elementInstanceKey),
    };
    let result: JobResult;
    try {
      result = await w.handler(job);
    } catch (error) {
      result = { outcome: 'fail', errorMessage: (error as Error).message ?? String(error) };
    }
    try {
      const applied = await applyEvent(this.deps(), doc._id, (s) => {
        if (result.outcome === 'complete') return s.completeJob(job.key, result.variables ?? {});
        if (result.outcome === 'fail') return s.failJob(job.key, result.retries ?? job.retries - 1, result.retryBackoffMs ?? 0, result.errorMessage);
        return s.jobError(job.key, result.errorCode, result.errorMessage ?? '', result.variables ?? {});
      });
      if (!applied) this.logger.info({ jobKey: job.key, instance: doc._id }, 'engine: job result for a job no longer open (ignored)');
    } catch (error) {
      this.logger.error({ err: error, jobKey: job.key }, 'engine: applying a job result failed');
    }
  }

  /** Polls for activatable jobs of a type: quickly while work is found, backing off while idle. */
  private async loop(w: Worker): Promise<void> {
    while (this.running && this.workers.get(w.type) === w) {
      let found = 0;
      if (w.active < w.max) {
        try {
          found = await this.pollOnce(w);
        } catch (error) {
          this.logger.warn({ err: error, type: w.type }, 'engine: job poll failed');
        }
      }
      w.idleMs = found ? IDLE_MIN_MS : Math.min(this.idleMaxMs, w.idleMs * 2);
      if (found && w.active < w.max) continue;
      await new Promise<void>((resolve) => {
        w.wake = () => { clearTimeout(w.timer); w.wake = undefined; resolve(); };
        w.timer = setTimeout(() => w.wake?.(), w.idleMs);
      });
    }
  }

  /** Locks due jobs of the worker's type, one event per job, while the worker has room. */
  async pollOnce(w: Worker): Promise<number> {
    const deps = this.deps();
    const keys = await deps.due.jobs(w.type, deps.now(), w.max - w.active);
    let found = 0;
    for (const key of keys) {
      while (w.active < w.max) {
        w.active++;
        const ok = await applyEvent(deps, key, (s) => {
          const job = s.doc.jobs.find((j) => j.type === w.type && j.due <= deps.now());
          return job ? s.lockJob(job.key, this.workerId, deps.now() + w.timeoutMs) : false;
        }).catch((error: unknown) => {
          this.logger.warn({ err: error, jobKey: key, type: w.type }, 'engine: locking a due job failed; the next poll retries');
          return false;
        });
        if (!ok) {
          w.active--;
          break;
        }
        found++;
      }
    }
    return found;
  }

  /**
   * Takes back, at start, the jobs locked by a worker that is gone: on a database one server process
   * owns (FerretDB: topology single), every lock not of this process belongs to a process that died,
   * so its jobs are due at once instead of after the lock timeout (up to 5 minutes). With several
   * processes (MongoDB) a lock may be a live neighbour's: it is left to expire. Returns how many.
   */
  async reclaimDeadLocks(singleProcess: boolean): Promise<number> {
    if (!singleProcess) return 0;
    const deps = this.deps();
    const now = deps.now();
    let taken = 0;
    // Many at once: their writes share batches of the group commit.
    await forEachLimited(await deps.due.withJobs(), 64, async (key) => {
      await applyEvent(deps, key, (s) => {
        const locked = s.doc.jobs.filter((j) => j.worker && j.worker !== this.workerId && j.due > now && j.due < NEVER);
        for (const job of locked) {
          job.worker = undefined;
          job.due = now;
        }
        taken += locked.length;
        return locked.length > 0;
      });
    });
    if (taken) this.logger.info({ jobs: taken }, 'engine: took back jobs locked by a process that is gone');
    return taken;
  }

  hasWorker(type: string): boolean {
    return this.workers.has(type);
  }
}

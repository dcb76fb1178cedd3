import type { Connection } from 'mongoose';

/** Counts failures per key in a sliding window: after `max` failures within the window the key waits. */
export interface FailureCounter {
  /** Milliseconds until the key may try again; 0 when it may try now. */
  retryAfterMs(key: string): Promise<number>;
  fail(key: string): Promise<void>;
}

/**
 * Counts failures per key in a sliding window, in this process: after `max` failures within
 * `windowMs` the key is locked until the oldest of them leaves the window. For public lookups whose
 * secret is short (4 phone digits), so that guessing it takes days, not seconds. Topology `single`.
 */
export class FailureLimiter implements FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  async retryAfterMs(key: string): Promise<number> {
    const recent = this.recent(key);
    return recent.length >= this.max ? recent[0] + this.windowMs - this.now() : 0;
  }

  async fail(key: string): Promise<void> {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}

/**
 * The same limit kept in the database (collection `limiter_failures`), so that every server process
 * of topology `cluster` counts the same failures: each failure is one inserted document (inserts do
 * not lose updates, on FerretDB either); failures older than the window are pruned as they pass.
 */
export class StoredFailureLimiter implements FailureCounter {
  constructor(
    private readonly db: Connection, private readonly scope: string, private readonly max: number, private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private get failures() {
    return this.db.collection<{ scope: string; key: string; at: Date }>('limiter_failures');
  }

  async retryAfterMs(key: string): Promise<number> {
    const since = new Date(this.now() - this.windowMs);
    const recent = await this.failures.find({ scope: this.scope, key, at: { $gt: since } }).sort({ at: 1 }).toArray();
    return recent.length >= this.max ? recent[0].at.getTime() + this.windowMs - this.now() : 0;
  }

  async fail(key: string): Promise<void> {
    await this.failures.insertOne({ scope: this.scope, key, at: new Date(this.now()) });
    await this.failures.deleteMany({ scope: this.scope, key, at: { $lte: new Date(this.now() - this.windowMs) } });
  }
}

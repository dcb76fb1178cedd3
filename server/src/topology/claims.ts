import { hostname } from 'node:os';
import type { Connection } from 'mongoose';

/** One taking of a piece of work (an outbox, a sweep); the highest generation of a key holds it. */
export interface ClaimRecord {
  /** `<key>#<generation>`, zero-padded so that the ids of a key sort as its generations do */
  _id: string;
  key: string;
  generation: number;
  owner: string;
  host: string;
  pid: number;
  takenAt: Date;
  expiresAt: Date;
}

export interface ClaimOptions {
  now?: () => Date;
  host?: string;
  pid?: number;
  /** Whether a process of this host is alive (default: signal 0). A dead owner on this host gives way at once. */
  alive?: (pid: number) => boolean;
}

/** A claim taken: `release` gives it back once the work's result is saved. */
export interface Claim {
  key: string;
  generation: number;
  release(): Promise<void>;
}

const COLLECTION = 'work_claims';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims with leases (owner + expiry), as the job executors of Flowable and Operaton take their
 * jobs: before a process does a piece of work that must not be done twice at the same time (drain
 * a case's outbox, run a sweep), it takes the work's key; another process that finds the key held
 * leaves the work alone. A claim whose owner died is taken over — after its expiry, or at once when
 * the owner ran on this host and its pid is dead (a server killed and restarted).
 *
 * Every taking is an insert of the key's next generation under a unique `_id`, so the database
 * decides between racing processes exactly once even on FerretDB, which runs a conditional update
 * or delete as a read and a separate write. Only an owner deletes its own record.
 */
export class ClaimStore {
  readonly owner: string;
  private readonly now: () => Date;
  private readonly host: string;
  private readonly pid: number;
  private readonly alive: (pid: number) => boolean;

  constructor(private readonly db: Connection, options: ClaimOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.host = options.host ?? hostname();
    this.pid = options.pid ?? process.pid;
    this.alive = options.alive ?? processAlive;
    this.owner = `${this.host}:${this.pid}:${Math.random().toString(36).slice(2, 10)}`;
  }

  private get claims() {
    return this.db.collection<ClaimRecord>(COLLECTION);
  }

  /** The record that holds `key` now (the highest generation), or null. */
  async holder(key: string): Promise<ClaimRecord | null> {
    const all = await this.claims.find({ key }).toArray();
    return all.reduce<ClaimRecord | null>((top, c) => (!top || c.generation > top.generation ? c : top), null);
  }

  /** Takes `key` for `ttlMs`; null when a live owner holds it (or another process took it at the same moment). */
  async tryClaim(key: string, ttlMs: number): Promise<Claim | null> {
    const held = await this.holder(key);
    if (held && !this.gone(held)) return null;
    const generation = (held?.generation ?? 0) + 1;
    const now = this.now();
    const record: ClaimRecord = {
      _id: `${key}#${String(generation).padStart(9, '0')}`, key, generation, owner: this.owner, host: this.host, pid: this.pid,
      takenAt: now, expiresAt: new Date(now.getTime() + ttlMs),
    };
    try {
      await this.claims.insertOne(record);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    }
    const top = await this.holder(key);
    if (top?.generation !== generation) {
      // a slower taking inserted a generation that a later taking already passed
      await this.claims.deleteOne({ _id: record._id });
      return null;
    }
    // earlier generations belonged to owners that are gone; they are history now
    if (held) await this.claims.deleteMany({ key, generation: { $lt: generation } });
    return { key, generation, release: () => this.release(record) };
  }

  /** Waits (polling) until `key` can be taken, at most `waitMs`; null when it could not. */
  async claim(key: string, ttlMs: number, waitMs: number): Promise<Claim | null> {
    const until = Date.now() + waitMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const claim = await this.tryClaim(key, ttlMs);
      if (claim || Date.now() >= until) return claim;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  /** Runs `work` under the claim of `key`; `skipped` when a live owner holds it. */
  async runClaimed<T>(key: string, ttlMs: number, work: () => Promise<T>, waitMs = 0): Promise<{ skipped: true } | { skipped: false; value: T }> {
    const claim = await this.claim(key, ttlMs, waitMs);
    if (!claim) return { skipped: true };
    try {
      return { skipped: false, value: await work() };
    } finally {
      await claim.release().catch(() => undefined);
    }
  }

  private async release(record: ClaimRecord): Promise<void> {
    await this.claims.deleteOne({ _id: record._id, owner: this.owner });
  }

  private gone(held: ClaimRecord): boolean {
    if (held.owner === this.owner) return false;
    if (held.expiresAt.getTime() <= this.now().getTime()) return true;
    return held.host === this.host && held.pid !== this.pid && !this.alive(held.pid);
  }
}

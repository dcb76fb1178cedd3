import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import { processAlive } from './claims.ts';

/** One taking of the database by a server process (topology `single`); the highest generation holds it. */
export interface LeaseHolder {
  /** `single:<generation>`, zero-padded so that the ids sort as the generations do */
  _id: string;
  generation: number;
  owner: string;
  host: string;
  pid: number;
  startedAt: Date;
  expiresAt: Date;
}

export class LeaseHeldError extends Error {
  constructor(readonly holder: LeaseHolder) {
    super(`another OneWindow server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt.toISOString()}) serves this database; `
      + 'topology single allows one server process per database (FerretDB cannot keep two consistent): stop it first, '
      + `or wait until its lease expires at ${holder.expiresAt.toISOString()}`);
  }
}

export interface LeaseOptions {
  /** How long a lease lasts without renewal (default 30 s): a crashed server on another machine blocks no longer. */
  ttlMs?: number;
  now?: () => Date;
  host?: string;
  pid?: number;
  /** Whether a process of this host is alive (default: signal 0). A dead holder on this host is replaced at once. */
  alive?: (pid: number) => boolean;
}

const COLLECTION = 'server_leases';

/**
 * The start-up lease of topology `single`: the first server takes it; a second refuses to start
 * with `LeaseHeldError` naming the holder. A holder that is gone gives way — at once when it ran on
 * this host and its pid is dead (a server killed and restarted), otherwise when its lease expires.
 * Every taking is an insert of the next generation, so the unique `_id` alone decides between
 * servers starting at the same moment: FerretDB runs a conditional update or delete as a read and a
 * separate write (not atomic), an insert under a unique key exactly once. Only the holder writes
 * its own document (renewal by `_id`), and a renewal that finds a newer generation knows it lost.
 */
export class StartupLease {
  readonly owner: string;
  private readonly ttlMs: number;
  private readonly now: () => Date;
  private readonly host: string;
  private readonly pid: number;
  private readonly alive: (pid: number) => boolean;
  private timer?: NodeJS.Timeout;
  private mine?: LeaseHolder;

  constructor(private readonly db: Connection, options: LeaseOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
    this.host = options.host ?? hostname();
    this.pid = options.pid ?? process.pid;
    this.alive = options.alive ?? processAlive;
    this.owner = `${this.host}:${this.pid}:${Math.random().toString(36).slice(2, 10)}`;
  }

  private get leases() {
    return this.db.collection<LeaseHolder>(COLLECTION);
  }

  private async current(): Promise<LeaseHolder | null> {
    const all = await this.leases.find({}).toArray();
    return all.reduce<LeaseHolder | null>((top, l) => (!top || l.generation > top.generation ? l : top), null);
  }

  /** Takes the lease or throws `LeaseHeldError`; any database error is thrown as it is. */
  async acquire(): Promise<void> {
    const held = await this.current();
    if (held && held.owner !== this.owner && !this.gone(held)) throw new LeaseHeldError(held);
    const generation = (held?.generation ?? 0) + 1;
    const now = this.now();
    const lease: LeaseHolder = {
      _id: `single:${String(generation).padStart(12, '0')}`, generation, owner: this.owner, host: this.host, pid: this.pid,
      startedAt: now, expiresAt: new Date(now.getTime() + this.ttlMs),
    };
    try {
      await this.leases.insertOne(lease);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      throw new LeaseHeldError((await this.current())!);
    }
    const top = await this.current();
    if (top?.generation !== generation) {
      // a slower start inserted a generation that a later taking already passed
      await this.leases.deleteOne({ _id: lease._id });
      throw new LeaseHeldError(top!);
    }
    this.mine = lease;
    // earlier generations are history now; only their takers could write them, and they lost
    for (const old of await this.leases.find({}, { projection: { _id: 1, generation: 1 } }).toArray()) {
      if (old.generation < generation) await this.leases.deleteOne({ _id: old._id });
    }
  }

  /** Extends the lease; false when another server took the database (this one must stop serving). */
  async renew(): Promise<boolean> {
    if (!this.mine) return false;
    const top = await this.current();
    if (!top || top.generation !== this.mine.generation) return false;
    await this.leases.updateOne({ _id: this.mine._id }, { $set: { expiresAt: new Date(this.now().getTime() + this.ttlMs) } });
    return true;
  }

  /**
   * Renews every third of the lease; calls `onLost` once if the lease was taken away or cannot be
   * renewed in time, and `onRenewFailed` for each failed renewal that still leaves time to retry.
   */
  keep(onLost: (error?: unknown) => void, onRenewFailed?: (error: unknown) => void): void {
    let lastRenewed = this.now().getTime();
    this.timer = setInterval(() => {
      this.renew().then((kept) => {
        if (kept) lastRenewed = this.now().getTime();
        else this.lost(onLost);
      }, (error) => {
        if (this.now().getTime() - lastRenewed > this.ttlMs) this.lost(onLost, error);
        else onRenewFailed?.(error);
      });
    }, Math.floor(this.ttlMs / 3));
    this.timer.unref();
  }

  /** Gives the lease back (at a clean stop), so the next server starts at once. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (this.mine) await this.leases.updateOne({ _id: this.mine._id }, { $set: { expiresAt: this.now() } });
    this.mine = undefined;
  }

  private lost(onLost: (error?: unknown) => void, error?: unknown): void {
    clearInterval(this.timer);
    onLost(error);
  }

  private gone(held: LeaseHolder): boolean {
    if (held.expiresAt.getTime() <= this.now().getTime()) return true;
    return held.host === this.host && held.pid !== this.pid && !this.alive(held.pid);
  }
}

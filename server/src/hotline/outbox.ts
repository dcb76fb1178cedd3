import type { Connection } from 'mongoose';
import type { Logger } from '../shared/logger.ts';
import { ClaimStore } from '../topology/claims.ts';
import type { HotlineOrder } from './model.ts';
import { sign } from './signature.ts';

export interface ReplyEntry {
  _id: string;
  orderNumber: string;
  platformOrderNumber: string;
  payload: Record<string, unknown>;
  state: 'pending' | 'delivered';
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  createdAt: Date;
  deliveredAt?: Date;
}

export interface ReplyOutboxDeps {
  db: Connection;
  secret?: string;
  /** The provincial platform's base address (HOTLINE_PLATFORM_URL); without it replies wait. */
  platformUrl?: string;
  clock?: () => Date;
  logger?: Logger;
  fetch?: typeof fetch;
}

/** Retries back off: 1, 2, 4 … minutes, at most an hour. */
const backoffMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/**
 * Replies to orders the provincial platform sent us, as an outbox: the entry is saved with the
 * order's closing (idempotent by order number) and delivered later — at once after the close, and
 * by every sweep until the platform says 2xx. One drain at a time across processes (a claim with a
 * lease, topology/claims.ts).
 */
export class ReplyOutbox {
  readonly entries;
  private readonly claims: ClaimStore;
  private readonly now: () => Date;

  constructor(private readonly deps: ReplyOutboxDeps) {
    this.entries = deps.db.collection<ReplyEntry>('hotline_reply_outbox');
    this.claims = new ClaimStore(deps.db);
    this.now = deps.clock ?? (() => new Date());
  }

  /** Saves the reply of a closed platform order once. */
  async enqueue(order: HotlineOrder): Promise<void> {
    if (order.source !== 'platform' || !order.platformOrderNumber) return;
    const now = this.now();
    const payload = {
      platformOrderNumber: order.platformOrderNumber, orderNumber: order._id, state: order.state, departmentCode: order.departmentCode ?? null,
      reply: order.reply?.text ?? null, repliedAt: order.reply?.at ?? null, satisfaction: order.satisfaction ?? null, closedAt: order.closedAt ?? null,
    };
    await this.entries.updateOne({ _id: `reply:${order._id}` }, {
      $setOnInsert: { orderNumber: order._id, platformOrderNumber: order.platformOrderNumber, payload, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now },
    }, { upsert: true });
  }

  /** Delivers every pending reply that is due; returns how many were delivered. */
  async drain(): Promise<number> {
    const ran = await this.claims.runClaimed('hotline-reply-outbox', 60_000, () => this.drainClaimed());
    return ran.skipped ? 0 : ran.value;
  }

  private async drainClaimed(): Promise<number> {
    if (!this.deps.platformUrl || !this.deps.secret) return 0;
    const due = await this.entries.find({ state: 'pending', nextAttemptAt: { $lte: this.now() } }).limit(100).toArray();
    let delivered = 0;
    for (const entry of due) {
      const error = await this.post(entry);
      const now = this.now();
      if (!error) {
        delivered += 1;
        await this.entries.updateOne({ _id: entry._id }, { $set: { state: 'delivered', deliveredAt: now, attempts: entry.attempts + 1 }, $unset: { lastError: 1 } });
      } else {
        this.deps.logger?.warn({ orderNumber: entry.orderNumber, attempts: entry.attempts + 1, error }, 'reply to the 12345 platform not delivered');
        await this.entries.updateOne({ _id: entry._id }, { $set: { attempts: entry.attempts + 1, lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(entry.attempts + 1)) } });
      }
    }
    return delivered;
  }

  private async post(entry: ReplyEntry): Promise<string | null> {
    const body = JSON.stringify(entry.payload);
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    try {
      const res = await (this.deps.fetch ?? fetch)(`${this.deps.platformUrl!.replace(/\/$/, '')}/orders/${encodeURIComponent(entry.platformOrderNumber)}/reply`, {
        method: 'POST', body, signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', 'x-hotline-timestamp': timestamp, 'x-hotline-signature': sign(this.deps.secret!, timestamp, body), 'idempotency-key': entry._id },
      });
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}

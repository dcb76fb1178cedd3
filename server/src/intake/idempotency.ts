import { createHash } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { z } from 'zod';
import { problem } from '../shared/errors.ts';

/**
 * Idempotency keys (the `Idempotency-Key` request header): a request repeated with the same key —
 * a double-clicked submit, a retry after a lost answer — gets the first answer again instead of
 * doing the work twice.
 *
 * The key is claimed (unique index) before the work runs and the answer is stored after it, so a
 * second request that arrives while the first is still running waits for that answer. Work that
 * fails stores nothing and frees the key: bad input changes nothing and may be corrected and sent
 * again with the same key. A claim left without an answer (the server stopped mid-way) is not
 * guessed at: the caller is told to look the case up before receiving it again.
 */
export const idempotencyKeyHeader = z.string().trim().regex(/^[A-Za-z0-9_-]{8,100}$/, '8–100 letters, digits, - or _');

interface KeyRecord {
  scope: string;
  key: string;
  fingerprint: string;
  answer?: unknown;
  createdAt: Date;
}

const keySchema = new Schema<KeyRecord>({
  scope: { type: String, required: true },
  key: { type: String, required: true },
  fingerprint: { type: String, required: true },
  answer: Schema.Types.Mixed,
  createdAt: { type: Date, required: true },
}, { versionKey: false });
keySchema.index({ scope: 1, key: 1 }, { unique: true });

const WAIT_MS = 15_000;
const POLL_MS = 100;

export class IdempotentReplies {
  private readonly keys: Model<KeyRecord>;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(db: Connection, private readonly clock: () => Date = () => new Date()) {
    this.keys = db.models.IdempotencyKey as Model<KeyRecord> ?? db.model<KeyRecord>('IdempotencyKey', keySchema, 'idempotency_keys');
  }

  /** Runs `work` once per (scope, key); without a key it simply runs. `replayed` tells a repeat. */
  async once<T>(scope: string, key: string | undefined, request: unknown, work: () => Promise<T>): Promise<{ answer: T; replayed: boolean }> {
    if (key === undefined) return { answer: await work(), replayed: false };
    const fingerprint = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const id = `${scope}\u0000${key}`;
    const inProcess = this.running.get(id);
    if (inProcess) await inProcess.catch(() => undefined);
    try {
      await this.keys.create({ scope, key, fingerprint, createdAt: this.clock() });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return { answer: (await this.answerOf(scope, key, fingerprint)) as T, replayed: true };
    }
    const run = work();
    this.running.set(id, run);
    try {
      const answer = await run;
      await this.keys.updateOne({ scope, key }, { $set: { answer } });
      return { answer, replayed: false };
    } catch (error) {
      // Our own claim, which has no answer (the work failed): free the key for a corrected request.
      await this.keys.deleteOne({ scope, key, fingerprint });
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  /** The stored answer of a claimed key, waiting a little while the first request still runs. */
  private async answerOf(scope: string, key: string, fingerprint: string): Promise<unknown> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const found = await this.keys.findOne({ scope, key }).lean<KeyRecord>();
      if (found && found.fingerprint !== fingerprint) {
        throw problem('IDEMPOTENCY_KEY_REUSED', { fields: [{ field: 'headers.idempotency-key', message: 'used for a different request' }] });
      }
      if (found?.answer !== undefined) return found.answer;
      // The first request failed and freed the key meanwhile: this one is not a repeat of a success.
      if (!found) throw problem('IDEMPOTENT_REQUEST_FAILED', { fields: [{ field: 'headers.idempotency-key', message: 'first attempt failed' }] });
      if (Date.now() > until) {
        throw problem('IDEMPOTENT_REQUEST_UNFINISHED', { fields: [{ field: 'headers.idempotency-key', message: 'first attempt unfinished' }] });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/**
 * Unique, increasing keys as decimal strings shaped like Zeebe's int64 keys. Blocks of keys are
 * reserved from a counter document, so a step can take keys synchronously.
 */
import type { Collection } from 'mongodb';
import { retryBusy } from './busy.ts';

const BASE = 2251799813685248;
const BLOCK = 1000;

export class KeysExhausted extends Error {}

export class KeyAllocator {
  private next = 0;
  private end = 0;
  private refilling?: Promise<void>;

  constructor(private readonly counters: Collection<{ _id: string; next: number }>) {}

  /** Makes sure at least `n` keys can be taken synchronously. */
  async reserve(n = 64): Promise<void> {
    // One refill at a time: FerretDB's $inc is not atomic under concurrency either.
    while (this.end - this.next < n) {
      if (!this.refilling) this.refilling = this.refill(n).finally(() => { this.refilling = undefined; });
      await this.refilling;
    }
  }

  private async refill(n: number): Promise<void> {
    const block = Math.max(BLOCK, n);
    const doc = await retryBusy(() => this.counters.findOneAndUpdate({ _id: 'keys' }, { $inc: { next: block } }, { upsert: true, returnDocument: 'after' }));
    this.end = doc!.next;
    this.next = this.end - block;
  }

  take(): string {
    if (this.next >= this.end) throw new KeysExhausted('key block exhausted');
    return String(BASE + ++this.next);
  }
}

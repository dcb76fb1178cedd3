/**
 * Unique, increasing keys as decimal strings shaped like Zeebe's int64 keys. Blocks of keys are
 * reserved from a counter document, so a step can take keys synchronously.
 */
import type { Collection } from 'mongodb';

const BASE = 2251799813685248;
const BLOCK = 1000;

export class KeysExhausted extends Error {}

export class KeyAllocator {
  private next = 0;
  private end = 0;

  constructor(private readonly counters: Collection<{ _id: string; next: number }>) {}

  /** Makes sure at least `n` keys can be taken synchronously. */
  async reserve(n = 64): Promise<void> {
    if (this.end - this.next >= n) return;
    const block = Math.max(BLOCK, n);
    const doc = await this.counters.findOneAndUpdate({ _id: 'keys' }, { $inc: { next: block } }, { upsert: true, returnDocument: 'after' });
    this.end = doc!.next;
    this.next = this.end - block;
  }

  take(): string {
    if (this.next >= this.end) throw new KeysExhausted('key block exhausted');
    return String(BASE + ++this.next);
  }
}

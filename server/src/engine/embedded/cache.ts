/**
 * Live instances as this process last wrote them, for topology `single` (one engine process owns
 * the database, as FerretDB requires anyway): an event starts from the stored form kept here
 * instead of reading it back, so an event costs one write and no read. Written through: an entry
 * is set only after its write returned, and dropped when a write fails or matches nothing, so a
 * miss or a version conflict reads the database. Entries are the stored (encoded) form, and each
 * event decodes its own copy: a step that fails half-way changes nothing here. Bounded (least
 * recently used out first); finished instances are not kept.
 */
import type { StoredInstance } from './codec.ts';

export const DEFAULT_CACHE_SIZE = 20_000;

export class InstanceCache {
  private readonly docs = new Map<string, StoredInstance>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = DEFAULT_CACHE_SIZE) {}

  get(key: string): StoredInstance | undefined {
    const doc = this.docs.get(key);
    if (!doc) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.docs.delete(key);
    this.docs.set(key, doc);
    return doc;
  }

  /** An instance as just written (or read at start). */
  set(doc: StoredInstance): void {
    this.docs.delete(doc._id);
    if (doc.state !== 'active') return;
    this.docs.set(doc._id, doc);
    while (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value!);
  }

  /** Room left, so that a start-up read does not push out what is already kept. */
  get free(): number {
    return this.capacity - this.docs.size;
  }

  delete(key: string): void {
    this.docs.delete(key);
  }
}

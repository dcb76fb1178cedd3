/**
 * Serialises work per key inside this process. FerretDB 1.24 (SQLite) does not make a guarded
 * update atomic: two concurrent `replaceOne({_id, rev})` can both match (measured: 39 of 50 pairs).
 * The version guard still protects against other processes on a real MongoDB; within one process,
 * each instance's load → advance → save runs under this lock.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => { release = r; });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

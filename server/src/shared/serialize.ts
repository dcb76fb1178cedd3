import type { Schema } from 'mongoose';

/**
 * Serialises, within this server process, the writes to one document identified by `key`.
 *
 * Why: FerretDB 1.24 (SQLite) runs an update as a query followed by a separate write, so two
 * updates of the same document at the same moment can both pass a version guard, and one of two
 * concurrent `$push`es can vanish (seen here: a case timeline lost entries). MongoDB applies each
 * update atomically and needs none of this; on FerretDB the platform runs as one process (the
 * embedded engine's deployment), so a per-document lock in that process is enough.
 */
export function serializeWritesBy(schema: Schema, key: string): void {
  const tails = new Map<string, Promise<void>>();
  const ops = ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne'] as const;
  type Locked = { $serialRelease?: () => void; getFilter(): Record<string, unknown> };

  for (const op of ops) {
    schema.pre(op, async function (this: Locked) {
      const id = this.getFilter()[key];
      if (typeof id !== 'string') return;
      const previous = tails.get(id) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => { release = resolve; });
      const tail = previous.then(() => mine);
      tails.set(id, tail);
      this.$serialRelease = () => {
        release();
        if (tails.get(id) === tail) tails.delete(id);
      };
      await previous;
    });
    const done = function (this: Locked) {
      this.$serialRelease?.();
      this.$serialRelease = undefined;
    };
    schema.post(op, done);
    // Error-handling middleware (three arguments): a failed write releases the lock too.
    const onError = function (this: Locked, error: unknown, _res: unknown, next: (err?: unknown) => void) {
      done.call(this);
      next(error);
    };
    schema.post(op, onError as unknown as (this: Locked) => void);
  }
}

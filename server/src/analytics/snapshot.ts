import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Binary } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Rollups } from './rollups.ts';
import { decodeChunk, encodeRollups, type Chunk } from './snapshot-codec.ts';

/** Bumped when the roll-ups' shape changes: a snapshot of another format is ignored (full rebuild). */
export const SNAPSHOT_FORMAT = 1;

/**
 * Where the roll-ups stood: `folded` names the journal entries (journal.ts) already inside them —
 * the watermark. Every fact written before the snapshot was taken is either inside or still in the
 * journal under a name not listed, so loading folds exactly those.
 */
export interface SnapshotHead {
  _id: 'head';
  id: string;
  format: number;
  takenAt: Date;
  chunks: number;
  cells: number;
  folded: string[];
}
interface ChunkDoc { _id: string; data: Binary }
const PREFIX = 'analytics_snapshot_chunks_';

/**
 * The roll-ups persisted as gzip'd JSON chunks (each under the 16 MB document limit) in a collection
 * of their own per snapshot, and a head (in a small collection) written last: a crash while the
 * chunks are written leaves the previous head and its chunks whole; the previous snapshot's
 * collection is dropped only after the new head is in. Nothing here is read by `_id` (FerretDB on
 * SQLite would scan the large chunks for it, docs/database.md): a snapshot is read by one scan of
 * its collection and deleted by one drop.
 */
export class SnapshotStore {
  constructor(private readonly db: Connection) {}

  private get heads() {
    return this.db.db!.collection<SnapshotHead>('analytics_snapshot_head');
  }

  /** The collection of a snapshot's chunks. */
  chunkCollection(id: string) {
    return this.db.db!.collection<ChunkDoc>(`${PREFIX}${id}`);
  }

  async head(): Promise<SnapshotHead | null> {
    const [head] = await this.heads.find().toArray();
    return head && head.format === SNAPSHOT_FORMAT ? head : null;
  }

  /** Encodes now (synchronously, so the picture and `folded` agree), then writes; returns the head written. */
  async write(rollups: Rollups, folded: string[], at: Date): Promise<SnapshotHead> {
    const encoded: Buffer[] = [];
    for (const chunk of encodeRollups(rollups)) encoded.push(gzipSync(JSON.stringify(chunk), { level: 1 }));
    const cells = rollups.steps.size + rollups.approvers.size + rollups.cases.size;
    const id = `${at.getTime().toString(36)}${randomUUID().slice(0, 8)}`;
    for (const [i, chunk] of encoded.entries()) await this.chunkCollection(id).insertOne({ _id: `${i}`, data: new Binary(chunk) });
    const head: SnapshotHead = { _id: 'head', id, format: SNAPSHOT_FORMAT, takenAt: at, chunks: encoded.length, cells, folded };
    await this.heads.replaceOne({ _id: 'head' }, head, { upsert: true });
    // the previous snapshot, and any a crash left half written
    for (const { name } of await this.db.db!.listCollections({}, { nameOnly: true }).toArray()) {
      if (name.startsWith(PREFIX) && name !== `${PREFIX}${id}`) await this.db.db!.dropCollection(name);
    }
    return head;
  }

  /** Loads the head's chunks into empty roll-ups; false when one is missing (then rebuild). */
  async load(head: SnapshotHead, rollups: Rollups): Promise<boolean> {
    let loaded = 0;
    for await (const doc of this.chunkCollection(head.id).find()) {
      decodeChunk(rollups, JSON.parse(gunzipSync(doc.data.buffer).toString('utf8')) as Chunk);
      loaded++;
    }
    if (loaded !== head.chunks) return false;
    rollups.deriveCoarse();
    return true;
  }
}

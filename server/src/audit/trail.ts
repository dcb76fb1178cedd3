import { createHash } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { canonicalJson, normalise } from './canonical.ts';
import { auditModel, type AuditActor, type AuditRecord } from './model.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  subject: { type: string; id: string };
  departmentCode?: string | null;
  data?: Record<string, unknown>;
}

export interface ChainReport {
  ok: boolean;
  /** Records checked. */
  count: number;
  lastSeq: number;
  lastHash: string;
  /** The first link that does not hold, when the chain is broken. */
  brokenAt?: { seq: number; reason: 'sequenceGap' | 'previousHashMismatch' | 'hashMismatch'; expected: string; found: string };
}

/** The fields a record's hash covers, in the shape they are hashed. */
export function hashOf(prevHash: string, record: Omit<AuditRecord, 'hash' | 'prevHash'>): string {
  const body = {
    seq: record.seq, at: record.at, actor: { userId: record.actor.userId, username: record.actor.username },
    action: record.action, subject: { type: record.subject.type, id: record.subject.id },
    departmentCode: record.departmentCode ?? null, data: record.data ?? {},
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}

/**
 * The append-only audit trail. `append` places a record after the current last one; when another
 * append took that place first (duplicate `seq`), it reads the new last record and tries again.
 * Throws after `maxAttempts` lost races, or on any database error.
 */
export class AuditTrail {
  private readonly records;
  /** Appends of this instance go one at a time: no race inside one process, retries only across processes. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The last record this instance wrote or read. Finding it in the database sorts the whole trail
   * (FerretDB 1.24 pushes down no sort and no filter but `_id`); the unique seq index still decides
   * every append, and a lost race (another process appended) reloads it.
   */
  private tail?: { seq: number; hash: string } | null;

  constructor(db: Connection, private readonly options: { maxAttempts?: number; clock?: () => Date } = {}) {
    this.records = auditModel(db);
  }

  /** Builds the indexes (once; mongoose memoises it). */
  async init(): Promise<void> {
    await this.records.init();
  }

  /**
   * `once` names the operation the record is of (a task completion, a seal use): a second append
   * with the same name returns the first record and writes nothing, so an effect retried after a
   * crash is in the trail exactly once. The name becomes the record's `_id` (hashed), which the
   * database keeps unique.
   */
  append(entry: AuditEntry, options: { once?: string } = {}): Promise<AuditRecord> {
    const next = this.queue.then(() => this.appendNow(entry, options.once === undefined ? undefined : onceId(options.once)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async appendNow(entry: AuditEntry, id?: Types.ObjectId): Promise<AuditRecord> {
    // The unique index on seq is what makes racing appends safe: make sure it exists first.
    await this.init();
    const done = id && await this.records.findById(id).lean<AuditRecord>();
    if (done) return done;
    const data = normalise(entry.data ?? {}) as Record<string, unknown>;
    const maxAttempts = this.options.maxAttempts ?? 50;
    for (let attempt = 1; ; attempt++) {
      this.tail ??= await this.records.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
      const last = this.tail;
      const at = new Date((this.options.clock ?? (() => new Date()))().getTime());
      const record = {
        seq: (last?.seq ?? 0) + 1, at, actor: { userId: entry.actor.userId, username: entry.actor.username },
        action: entry.action, subject: { type: entry.subject.type, id: entry.subject.id },
        departmentCode: entry.departmentCode ?? null, data,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const full: AuditRecord = { ...record, prevHash, hash: hashOf(prevHash, record) };
      try {
        await this.records.create(id ? { _id: id, ...full } : full);
        this.tail = { seq: full.seq, hash: full.hash };
        return full;
      } catch (error) {
        this.tail = undefined;
        const raced = id && await this.records.findById(id).lean<AuditRecord>();
        if (raced) return raced;
        if ((error as { code?: number }).code !== 11000 || attempt >= maxAttempts) throw error;
        // Lost the race for this seq: back off a little (jittered) and chain onto the new last record.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, attempt * 2)));
      }
    }
  }

  /** Whether the operation named `once` is in the trail. */
  async has(once: string): Promise<boolean> {
    return Boolean(await this.records.exists({ _id: onceId(once) }));
  }

  /** Walks the chain from the first record and reports the first link that does not hold. */
  async verify(): Promise<ChainReport> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let count = 0;
    for await (const record of this.records.find({}).sort({ seq: 1 }).lean().cursor()) {
      const fail = (reason: NonNullable<ChainReport['brokenAt']>['reason'], expected: string, found: string): ChainReport =>
        ({ ok: false, count, lastSeq: expectedSeq - 1, lastHash: prevHash, brokenAt: { seq: record.seq, reason, expected, found } });
      if (record.seq !== expectedSeq) return fail('sequenceGap', String(expectedSeq), String(record.seq));
      if (record.prevHash !== prevHash) return fail('previousHashMismatch', prevHash, record.prevHash);
      const recomputed = hashOf(prevHash, record);
      if (record.hash !== recomputed) return fail('hashMismatch', recomputed, record.hash);
      prevHash = record.hash;
      expectedSeq++;
      count++;
    }
    return { ok: true, count, lastSeq: expectedSeq - 1, lastHash: prevHash };
  }
}

/** The record id of a named operation: the first 12 bytes of its SHA-256. */
function onceId(name: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(name).digest('hex').slice(0, 24));
}

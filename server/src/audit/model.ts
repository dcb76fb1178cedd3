import { Schema, type Connection, type Model } from 'mongoose';

export interface AuditActor {
  userId: string;
  username: string;
}

/**
 * One entry of the append-only audit trail. `hash` = SHA-256(prevHash + canonical JSON of the
 * record without `hash` and `prevHash`); `seq` is unique, so two concurrent appends cannot both
 * take the same place in the chain (FerretDB has no transactions; the unique index decides).
 */
export interface AuditRecord {
  seq: number;
  at: Date;
  actor: AuditActor;
  /** Dotted English verb, e.g. `delegation.grant`, `seal.use`, `auth.refreshReuse`. */
  action: string;
  subject: { type: string; id: string };
  /** Department the record concerns; department admins read their own department's records. */
  departmentCode?: string | null;
  /** What changed, as plain JSON (normalised before it is hashed and stored). */
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const auditSchema = new Schema<AuditRecord>(
  {
    seq: { type: Number, required: true, unique: true },
    at: { type: Date, required: true },
    actor: { userId: { type: String, required: true }, username: { type: String, required: true } },
    action: { type: String, required: true, index: true },
    subject: { type: { type: String, required: true }, id: { type: String, required: true } },
    departmentCode: { type: String, default: null, index: true },
    data: { type: Schema.Types.Mixed, default: {} },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { minimize: false, versionKey: false },
);

export const auditModel = (connection: Connection): Model<AuditRecord> =>
  (connection.models.AuditRecord as Model<AuditRecord>) ?? connection.model<AuditRecord>('AuditRecord', auditSchema, 'audit_records');

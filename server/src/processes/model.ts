import { Schema, type Connection, type Model } from 'mongoose';

/** One published version of a process: what was deployed, by whom, when, and the engine's answer. */
export interface ProcessVersion {
  processId: string;
  version: number;
  name?: string;
  /** The BPMN XML exactly as deployed. */
  xml: string;
  /** SHA-256 (hex) of `xml`. */
  checksum: string;
  /** Engine key of the process definition (a string: Zeebe keys are int64). */
  key: string;
  engine: 'embedded' | 'zeebe';
  author: { userId: string; username: string };
  deployedAt: Date;
  /** bpmnlint warnings at publishing time (not refusals). */
  warnings: Array<{ field: string; message: string }>;
  /** Why this version was published (required when published from a reviewed draft or a rollback). */
  comment?: string;
  /** Who reviewed and published it when `author` wrote it as a draft. */
  publishedBy?: { userId: string; username: string };
  draftId?: string;
  /** The version whose XML this one publishes again (rollback). */
  rollbackOf?: number;
  /** Element ids added, removed and changed against the version before. */
  changes?: { added: string[]; removed: string[]; changed: string[] };
}

const schema = new Schema<ProcessVersion>({
  processId: { type: String, required: true },
  version: { type: Number, required: true, min: 1 },
  name: String,
  xml: { type: String, required: true },
  checksum: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
  key: { type: String, required: true },
  engine: { type: String, required: true, enum: ['embedded', 'zeebe'] },
  author: { userId: { type: String, required: true }, username: { type: String, required: true } },
  deployedAt: { type: Date, required: true },
  warnings: [{ _id: false, field: String, message: String }],
  comment: { type: String, maxlength: 2000 },
  publishedBy: { type: new Schema({ userId: String, username: String }, { _id: false }), default: undefined },
  draftId: String,
  rollbackOf: Number,
  changes: { type: new Schema({ added: [String], removed: [String], changed: [String] }, { _id: false }), default: undefined },
}, { collection: 'process_versions' });
schema.index({ processId: 1, version: 1 }, { unique: true });

export function processVersionModel(connection: Connection): Model<ProcessVersion> {
  return (connection.models.ProcessVersion as Model<ProcessVersion> | undefined) ?? connection.model<ProcessVersion>('ProcessVersion', schema);
}

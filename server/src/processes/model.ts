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
}, { collection: 'process_versions' });
schema.index({ processId: 1, version: 1 }, { unique: true });

export function processVersionModel(connection: Connection): Model<ProcessVersion> {
  return (connection.models.ProcessVersion as Model<ProcessVersion> | undefined) ?? connection.model<ProcessVersion>('ProcessVersion', schema);
}

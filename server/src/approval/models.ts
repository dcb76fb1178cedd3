import { Schema, type Connection, type Model } from 'mongoose';

/** A decision taken on a task (准予 / 不予行政许可), kept until the seal job issues its document. */
export interface DecisionDoc {
  /** `d-<task key>`: one decision per task, so a repeated request cannot make a second. */
  _id: string;
  taskKey: string;
  caseNumber: string;
  departmentCode: string;
  matterCode: string;
  kind: 'grant' | 'refuse';
  data: Record<string, unknown>;
  opinion?: string;
  decidedBy: { userId: string; username: string };
  decidedAt: Date;
  /** The delegation whose seal-use power covered the matter when the decision was taken. */
  sealDelegationId: string;
  documentNumber?: string;
  documentId?: string;
  verificationCode?: string;
  lockedUntil?: Date;
}

const decisionSchema = new Schema<DecisionDoc>({
  _id: String, taskKey: String, caseNumber: String, departmentCode: String, matterCode: String,
  kind: { type: String, enum: ['grant', 'refuse'] }, data: Schema.Types.Mixed, opinion: String,
  decidedBy: { userId: String, username: String }, decidedAt: Date, sealDelegationId: String,
  documentNumber: String, documentId: String, verificationCode: String, lockedUntil: Date,
}, { versionKey: false, minimize: false });

export const decisionModel = (c: Connection): Model<DecisionDoc> =>
  (c.models.ApprovalDecision as Model<DecisionDoc>) ?? c.model<DecisionDoc>('ApprovalDecision', decisionSchema, 'approval_decisions');

/** One use of the 行政审批专用章: who, on which case and document, under which delegation, when. */
export interface SealUse {
  decisionId: string;
  documentId: string;
  documentKind: string;
  documentNumber: string;
  caseNumber: string;
  departmentCode: string;
  matterCode: string;
  userId: string;
  username: string;
  delegationId: string;
  at: Date;
}

const sealUseSchema = new Schema<SealUse>({
  decisionId: { type: String, required: true, unique: true },
  documentId: { type: String, required: true, unique: true },
  documentKind: String, documentNumber: String, caseNumber: { type: String, index: true }, departmentCode: String, matterCode: String,
  userId: String, username: String, delegationId: String, at: Date,
}, { versionKey: false });

export const sealUseModel = (c: Connection): Model<SealUse> =>
  (c.models.SealUse as Model<SealUse>) ?? c.model<SealUse>('SealUse', sealUseSchema, 'seal_uses');

/** An attachment to a task, stored in the database (size- and type-checked by its magic bytes). */
export interface AttachmentDoc {
  taskKey: string;
  caseNumber: string | null;
  name: string;
  type: string;
  size: number;
  sha256: string;
  data: Buffer;
  by: string;
  at: Date;
}

const attachmentSchema = new Schema<AttachmentDoc>({
  taskKey: { type: String, index: true }, caseNumber: String, name: String, type: String, size: Number, sha256: String,
  data: Buffer, by: String, at: Date,
}, { versionKey: false });

export const attachmentModel = (c: Connection): Model<AttachmentDoc> =>
  (c.models.TaskAttachment as Model<AttachmentDoc>) ?? c.model<AttachmentDoc>('TaskAttachment', attachmentSchema, 'task_attachments');

const counterSchema = new Schema<{ _id: string; seq: number }>({ _id: String, seq: Number }, { versionKey: false });
const counterModel = (c: Connection) =>
  (c.models.ApprovalCounter as Model<{ _id: string; seq: number }>) ?? c.model('ApprovalCounter', counterSchema, 'approval_counters');

/** 卫审批许字〔2026〕第0105号 / 卫审批不许字〔2026〕第0009号: one atomic increment per year and kind. */
export async function nextDocumentNumber(c: Connection, kind: 'grant' | 'refuse', year: string): Promise<string> {
  const counter = await counterModel(c).findOneAndUpdate({ _id: `${kind}:${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
  return `卫审批${kind === 'grant' ? '许' : '不许'}字〔${year}〕第${String(counter!.seq).padStart(4, '0')}号`;
}

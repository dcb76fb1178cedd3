import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { nextSequence } from '../shared/sequence.ts';
import { guardByIdOnFerretDb } from '../shared/ferretdb-guard.ts';
import { serializeWritesBy } from '../shared/serialize.ts';

/** Where a case stands. Stored values English; the UI translates (caseStatusNames). */
export const caseStatuses = ['received', 'correctionRequested', 'accepted', 'refused', 'terminated', 'completed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseStatusNames: Record<CaseStatus, { zh: string; en: string }> = {
  received: { zh: '已收件', en: 'Received' },
  correctionRequested: { zh: '待补正', en: 'Awaiting correction' },
  accepted: { zh: '已受理', en: 'Accepted' },
  refused: { zh: '不予受理', en: 'Not accepted' },
  terminated: { zh: '终止办理', en: 'Terminated' },
  completed: { zh: '已办结', en: 'Completed' },
};

/** The stage the authority rules speak of (authz/vocabulary.ts). */
export type CaseStage = 'intake' | 'approval' | 'issuing' | 'closed';

/** How a case was accepted (行政许可法第三十二条; 容缺; 告知承诺; 第三十二条第四款 deemed acceptance). */
export type AcceptanceMode = 'standard' | 'pendingMaterials' | 'commitment' | 'deemed';

export interface TimelineEntry {
  /** What happened, for entries that must be written once (the operation id of a CaseLedger call, ledger.ts). */
  id?: string;
  at: Date;
  type: string;
  actor?: string;
  note?: string;
  data?: Record<string, unknown>;
}

export interface CaseMaterial {
  name: string;
  required: boolean;
  pendingAllowed: boolean;
  provided: boolean;
  /** 容缺: supplied after acceptance, on this date. */
  suppliedOn?: string;
}

export interface IssuedDocumentRef {
  kind: string;
  documentId: string;
  verificationCode: string;
  issuedAt: Date;
}

export interface Case {
  _id: Types.ObjectId;
  caseNumber: string;
  matterCode: string;
  matterName: string;
  departmentCode: string;
  handlingType: 'immediate' | 'promised';
  windowNumber: string;
  receivedBy: string;
  applicant: { kind: 'person' | 'organisation'; name: string; idNumber?: string; uscc?: string };
  contact: { name: string; phone: string; phoneLast4: string };
  materials: CaseMaterial[];
  status: CaseStatus;
  stage: CaseStage;
  receivedOn: string;
  /** 行政许可法第三十二条第四款: the last day to issue a correction notice; after it the case is deemed accepted. */
  correctionNoticeDeadline?: string;
  acceptanceMode?: AcceptanceMode;
  acceptedOn?: string;
  dueDate?: string;
  legalDueDate?: string;
  correction?: { items: Array<{ material: string; problem: string }>; requestedOn: string; supplyBy?: string; suppliedOn?: string };
  pendingMaterials?: { names: string[]; supplyBy: string; allSuppliedOn?: string };
  commitment?: { signedBy: string; materials: string[]; verifyBy: string };
  refusal?: { reasons: string[]; competentBody?: { name: string; address?: string } };
  termination?: { on: string; reason: string };
  /**
   * How the case's process ended, when it ended without closing the case itself: `granted` /
   * `refused` after a sealed decision (the case is then 办结), `none` when no decision was taken —
   * the case stays accepted, since the duty to decide remains (intake/process-end.ts).
   */
  processEnded?: { at: Date; outcome: 'granted' | 'refused' | 'none' };
  /** The open user task the case waits on (public progress page). */
  currentStep?: { name: string; elementId: string; since: Date; taskKey?: string };
  /** Intervals in which the clock stood still (补正 during review, art. 45 special procedures). */
  pauses: Array<{ from: string; to?: string; reason: string }>;
  /** Days added by an approved extension (行政许可法第四十二条). */
  extensionDays?: number;
  processInstanceKey?: string;
  processId?: string;
  processVersion?: number;
  documents: IssuedDocumentRef[];
  timeline: TimelineEntry[];
  /** Follow-ups saved with the state change and done after it: `notice:<kind>`, `startProcess`, `cancelProcess`. */
  outbox: string[];
  /** Why the first pending follow-up has not been done yet (cleared when it is). */
  outboxError?: { entry: string; message: string; at: Date } | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
}

const caseSchema = new Schema<Case>(
  {
    caseNumber: { type: String, required: true, unique: true },
    matterCode: { type: String, required: true, index: true },
    matterName: { type: String, required: true },
    departmentCode: { type: String, required: true, index: true },
    handlingType: { type: String, enum: ['immediate', 'promised'], required: true },
    windowNumber: { type: String, required: true },
    receivedBy: { type: String, required: true, index: true },
    applicant: { kind: { type: String, enum: ['person', 'organisation'], required: true }, name: String, idNumber: String, uscc: String },
    contact: { name: String, phone: String, phoneLast4: String },
    materials: [{ _id: false, name: String, required: Boolean, pendingAllowed: Boolean, provided: Boolean, suppliedOn: String }],
    status: { type: String, enum: caseStatuses, required: true, index: true },
    stage: { type: String, enum: ['intake', 'approval', 'issuing', 'closed'], required: true },
    receivedOn: { type: String, required: true },
    correctionNoticeDeadline: { type: String, index: true },
    acceptanceMode: { type: String, enum: ['standard', 'pendingMaterials', 'commitment', 'deemed'] },
    acceptedOn: String,
    dueDate: String,
    legalDueDate: String,
    correction: { items: [{ _id: false, material: String, problem: String }], requestedOn: String, supplyBy: String, suppliedOn: String },
    pendingMaterials: { names: [String], supplyBy: String, allSuppliedOn: String },
    commitment: { signedBy: String, materials: [String], verifyBy: String },
    refusal: { reasons: [String], competentBody: { name: String, address: String } },
    termination: { on: String, reason: String },
    currentStep: { name: String, elementId: String, since: Date, taskKey: String },
    processEnded: { at: Date, outcome: { type: String, enum: ['granted', 'refused', 'none'] } },
    pauses: { type: [{ _id: false, from: String, to: String, reason: String }], default: [] },
    extensionDays: Number,
    processInstanceKey: String,
    processId: String,
    processVersion: Number,
    documents: [{ _id: false, kind: String, documentId: String, verificationCode: String, issuedAt: Date }],
    timeline: [{ _id: false, id: String, at: Date, type: { type: String }, actor: String, note: String, data: Schema.Types.Mixed }],
    outbox: { type: [String], default: [], index: true },
    outboxError: { entry: String, message: String, at: Date },
    rev: { type: Number, default: 0 },
  },
  { timestamps: true },
);

serializeWritesBy(caseSchema, 'caseNumber');
// On FerretDB, an update by case number goes out by `_id` (one scan per case and process, not per write).
guardByIdOnFerretDb(caseSchema, { naturalKey: 'caseNumber' });

export const caseModel = (connection: Connection): Model<Case> =>
  (connection.models.Case as Model<Case>) ?? connection.model<Case>('Case', caseSchema, 'cases');

/** `ZW20260918-0007`: readable, unique, sequential per day (one atomic increment per case). */
export async function nextCaseNumber(connection: Connection, day: string): Promise<string> {
  const compact = day.replaceAll('-', '');
  return `ZW${compact}-${String(await nextSequence(connection, `case:${compact}`)).padStart(4, '0')}`;
}

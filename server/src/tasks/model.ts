import { Schema, type Connection, type Model } from 'mongoose';
import { guardByIdOnFerretDb } from '../shared/ferretdb-guard.ts';
import { serializeWritesBy } from '../shared/serialize.ts';

/** Where a task on the board stands. `completing` holds the task while the engine is told. */
export const taskStates = ['open', 'completing', 'awaitingSigners', 'completed', 'canceled'] as const;
export type TaskState = (typeof taskStates)[number];

/** A signature sub-task (加签 / 会签 / 或签) lives on the board only; the engine never sees it. */
export interface SignatureSpec {
  /** before: the parent waits for it; after: the parent's completion waits for it; countersign: 会签/或签 before completion. */
  position: 'before' | 'after';
  /** all (会签): every signer must agree; any (或签): one agreement suffices. */
  mode: 'all' | 'any';
  /** One request (one add-sign or countersign) groups its signers. */
  round: string;
}

export interface TaskEntry {
  /** The operation the entry records, for entries written once. */
  id?: string;
  at: Date;
  type: string;
  by: string;
  note?: string;
  data?: Record<string, unknown>;
}

/**
 * A completion taken but not yet recorded everywhere: saved with the move to `completing`, before the
 * engine is told, so that the record (history, case timeline, audit trail) is written exactly once
 * even if the server dies in between (approval/complete.ts).
 */
export interface PendingRecord {
  id: string;
  outcome: string;
  by: { userId: string; username: string };
  at: Date;
  data: Record<string, unknown>;
  variables: Record<string, unknown>;
}

export interface TaskDoc {
  /** The engine's user-task key; board sub-tasks use `<parent>.s<n>`. */
  _id: string;
  kind: 'engine' | 'signature';
  parentKey?: string;
  signature?: SignatureSpec;
  processInstanceKey?: string;
  processId?: string;
  processVersion?: number;
  elementId?: string;
  name: string;
  step?: string;
  /** The delegated power the step needs (header `authority`). */
  authority?: string;
  sealRequired: boolean;
  /** Earlier steps this step may send the case back to (header `returnTargets`, comma separated). */
  returnTargets: string[];
  formKey?: string;
  headers: Record<string, string>;
  candidateGroups: string[];
  candidateUsers: string[];
  /** Username of the person holding the task. */
  assignee: string | null;
  /** The approver who owns the task while it is delegated (委派) to the assignee. */
  owner: string | null;
  delegated: boolean;
  /** How many 加签/会签 requests were made on the task (none: no signature sub-task to look up). */
  signatureRounds?: number;
  departmentCode: string | null;
  matterCode: string | null;
  caseNumber: string | null;
  /** The applicant's name (variable `applicantName`), shown and filtered on the board. */
  applicant?: string | null;
  state: TaskState;
  dueAt: Date | null;
  warnAt: Date | null;
  /** The form data: variables visible at the task when it was created. */
  form: Record<string, unknown>;
  opinionDraft?: string;
  /** Variables held back until the after-signers (后加签) agree. */
  pendingCompletion?: Record<string, unknown>;
  outcome?: string;
  completedBy?: string;
  completion?: PendingRecord;
  closedAt?: Date;
  carbonCopies: Array<{ username: string; by: string; at: Date }>;
  urges: Array<{ by: string; at: Date; note?: string }>;
  /** The latest urge (督办) — what the `priority` order sorts by (FerretDB does not sort by an array's elements). */
  lastUrgedAt?: Date | null;
  /** The open 督办 order on this step (monitoring/), shown on the approver's board as a mark. */
  supervision?: { orderId: string; level: 'reminder' | 'notice' | 'escalation'; deadline: string } | null;
  history: TaskEntry[];
  createdAt: Date;
  rev: number;
}

const taskSchema = new Schema<TaskDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['engine', 'signature'], required: true },
    parentKey: String,
    signature: { position: String, mode: String, round: String },
    processInstanceKey: String,
    processId: String,
    processVersion: Number,
    elementId: String,
    name: { type: String, required: true },
    step: String,
    authority: String,
    sealRequired: { type: Boolean, default: false },
    returnTargets: { type: [String], default: [] },
    formKey: String,
    headers: { type: Schema.Types.Mixed, default: {} },
    candidateGroups: { type: [String], default: [] },
    candidateUsers: { type: [String], default: [] },
    assignee: { type: String, default: null },
    owner: { type: String, default: null },
    delegated: { type: Boolean, default: false },
    signatureRounds: { type: Number, default: 0 },
    departmentCode: { type: String, default: null },
    matterCode: { type: String, default: null },
    caseNumber: { type: String, default: null },
    applicant: { type: String, default: null },
    state: { type: String, enum: taskStates, required: true },
    dueAt: { type: Date, default: null },
    warnAt: { type: Date, default: null },
    form: { type: Schema.Types.Mixed, default: {} },
    opinionDraft: String,
    pendingCompletion: Schema.Types.Mixed,
    outcome: String,
    completedBy: String,
    completion: Schema.Types.Mixed,
    closedAt: Date,
    carbonCopies: [{ _id: false, username: String, by: String, at: Date }],
    urges: [{ _id: false, by: String, at: Date, note: String }],
    lastUrgedAt: { type: Date, default: null },
    supervision: { type: { _id: false, orderId: String, level: String, deadline: String }, default: null },
    history: [{ _id: false, id: String, at: Date, type: { type: String }, by: String, note: String, data: Schema.Types.Mixed }],
    createdAt: { type: Date, required: true },
    rev: { type: Number, default: 0 },
  },
  { versionKey: false, minimize: false },
);
// On MongoDB these serve the board's list queries (mine, my groups, due, by matter/department);
// FerretDB 1.24 on SQLite pushes no filter but `_id` down (docs/task-board.md).
taskSchema.index({ state: 1, candidateGroups: 1, assignee: 1, dueAt: 1 });
taskSchema.index({ state: 1, assignee: 1, dueAt: 1 });
taskSchema.index({ state: 1, departmentCode: 1, matterCode: 1, dueAt: 1 });
taskSchema.index({ parentKey: 1, state: 1 });
// One write at a time per task in this process, then guards by `_id` that FerretDB need not scan
// (shared/ferretdb-guard.ts): claims and completions stay exactly-once at 100,000 tasks.
serializeWritesBy(taskSchema, '_id');
guardByIdOnFerretDb(taskSchema);
taskSchema.index({ caseNumber: 1 });

export const taskModel = (connection: Connection): Model<TaskDoc> =>
  (connection.models.BoardTask as Model<TaskDoc>) ?? connection.model<TaskDoc>('BoardTask', taskSchema, 'tasks');

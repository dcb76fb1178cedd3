import { Schema, type Connection, type Model } from 'mongoose';

/** Where a fact happened: the dimensions every report filters on. */
export interface Dimensions {
  matterCode: string;
  departmentCode: string;
  /** Window number the case was received at (`C01`, `K05-02`). */
  windowNumber: string;
  /** The (sub-)hall of the window: `city` (市民大厅) or `shapotou` (沙坡头区 sub-hall). */
  zone: string;
}

/**
 * One completed (or canceled) step of a case: a user task, as both engines report it through the
 * port, with who claimed and completed it from the board. `_id` is the task key, so a completion
 * delivered twice makes one fact.
 */
export interface TaskFact extends Dimensions {
  _id: string;
  processId: string;
  processVersion: number;
  elementId: string;
  name: string;
  caseNumber: string;
  assignee: string;
  createdAt: Date;
  claimedAt: Date;
  completedAt: Date;
  /** Hall-time day of completion (YYYY-MM-DD): the day the roll-ups count it on. */
  day: string;
  dueAt: Date | null;
  outcome: string;
  waitHours: number;
  handleHours: number;
  hours: number;
  workingDays: number;
  overdue: boolean;
}

/**
 * A case as the reports see it, replaced whenever the case changes (`_id` is the case number, so
 * the fact holds the latest state; its roll-up contribution is swapped, not added twice).
 */
export interface CaseFact extends Dimensions {
  _id: string;
  /** The clerk who received the case (username). */
  clerk: string;
  windowGroup: 'comprehensive' | 'categorized';
  /** Hall-time day of receipt: the day the case roll-ups count it on. */
  day: string;
  status: string;
  handlingType: 'immediate' | 'promised';
  acceptanceMode: string | null;
  /** Hours from receipt to the acceptance decision (受理/不予受理/补正). */
  decisionHours: number | null;
  completed: boolean;
  onTime: boolean | null;
  workingDaysUsed: number | null;
  legalLimitDays: number | null;
  promisedLimitDays: number | null;
  corrections: number;
  returns: number;
  /** 容缺: accepted with materials to follow; kept when all were supplied by the promised date. */
  pendingMaterials: boolean;
  pendingKept: boolean;
  commitment: boolean;
  /** The journal entry that wrote this version (`case:<number>#<rev>`, journal.ts); absent on a fact not yet stored. */
  rev?: number;
}

// '' when unknown (a step of an instance started without a case): the fact still counts for its element
const dims = { matterCode: { type: String, default: '' }, departmentCode: { type: String, default: '' }, windowNumber: { type: String, default: '' }, zone: { type: String, default: '' } };

const taskFactSchema = new Schema<TaskFact>({
  _id: String, ...dims, processId: String, processVersion: Number, elementId: String, name: String, caseNumber: String,
  assignee: String, createdAt: Date, claimedAt: Date, completedAt: Date, day: String, dueAt: Date, outcome: String,
  waitHours: Number, handleHours: Number, hours: Number, workingDays: Number, overdue: Boolean,
}, { versionKey: false });
// drill-down from an element to its cases (on MongoDB; FerretDB scans, docs/analytics.md)
taskFactSchema.index({ processId: 1, elementId: 1, completedAt: -1 });

const caseFactSchema = new Schema<CaseFact>({
  _id: String, ...dims, clerk: String, windowGroup: String, day: String, status: String, handlingType: String, acceptanceMode: String,
  decisionHours: Number, completed: Boolean, onTime: Boolean, workingDaysUsed: Number, legalLimitDays: Number, promisedLimitDays: Number,
  corrections: Number, returns: Number, pendingMaterials: Boolean, pendingKept: Boolean, commitment: Boolean,
  rev: Number,
}, { versionKey: false });

export const taskFactModel = (c: Connection): Model<TaskFact> =>
  (c.models.AnalyticsTaskFact as Model<TaskFact>) ?? c.model<TaskFact>('AnalyticsTaskFact', taskFactSchema, 'analytics_task_facts');
export const caseFactModel = (c: Connection): Model<CaseFact> =>
  (c.models.AnalyticsCaseFact as Model<CaseFact>) ?? c.model<CaseFact>('AnalyticsCaseFact', caseFactSchema, 'analytics_case_facts');

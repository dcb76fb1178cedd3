import { Schema, type Connection, type Model } from 'mongoose';
import { guardByIdOnFerretDb } from '../shared/ferretdb-guard.ts';
import { serializeWritesBy } from '../shared/serialize.ts';
import { hotlineCategories, hotlineStates, hotlineUrgencies, satisfactionLevels, type HotlineCategory, type HotlineState, type HotlineUrgency, type SatisfactionLevel } from './vocabulary.ts';

export { hotlineCategories, hotlineStates, hotlineUrgencies, satisfactionLevels, type HotlineCategory, type HotlineState, type HotlineUrgency, type SatisfactionLevel };

export interface HotlineEvent {
  /** The operation, written once (a retried request adds nothing). */
  id: string;
  at: Date;
  type: string;
  by: string;
  note?: string;
  data?: Record<string, unknown>;
}

export interface HotlineCall {
  at: Date;
  channel: 'phone' | 'platform';
  content: string;
  platformOrderNumber?: string;
}

/** A 12345 work order (HotlineTicket in the CASL vocabulary); `_id` is our order number. */
export interface HotlineOrder {
  _id: string;
  source: 'operator' | 'platform';
  platformOrderNumber?: string;
  caller: { name: string; phone: string };
  category: HotlineCategory;
  urgency: HotlineUrgency;
  title: string;
  content: string;
  location?: string;
  /** An approval case the call is about: the order shows on its timeline. */
  linkedCaseNumber?: string;
  state: HotlineState;
  recordedBy: string;
  recordedAt: Date;
  /** 派单 within 1 working day of recording. */
  dispatchDueAt: Date;
  dispatchedAt?: Date;
  /** The lead department (主办) and co-handlers (协办). */
  departmentCode?: string;
  coHandlers: string[];
  processInstanceKey?: string;
  /** The handling limit (category, urgency, extensions), the last day for 退单 and for 督办. */
  handleDueAt?: Date;
  sendBackUntil?: Date;
  superviseAt?: Date;
  signedAt?: Date;
  extensions: number;
  rehandles: number;
  reply?: { text: string; by: string; at: Date; onTime: boolean };
  satisfaction?: SatisfactionLevel;
  calledBackAt?: Date;
  closedAt?: Date;
  urged: number;
  supervised: boolean;
  /** Working days asked by an extension under review. */
  pendingExtensionDays?: number;
  /** The follow-ups of closing (rating, reply to the platform) were done. */
  followedUp?: boolean;
  /** Repeated calls merged into this order. */
  calls: HotlineCall[];
  events: HotlineEvent[];
  rev: number;
}

const schema = new Schema<HotlineOrder>({
  _id: { type: String, required: true },
  source: { type: String, enum: ['operator', 'platform'], required: true },
  platformOrderNumber: String,
  caller: { name: String, phone: String },
  category: { type: String, enum: hotlineCategories, required: true },
  urgency: { type: String, enum: hotlineUrgencies, required: true },
  title: { type: String, required: true },
  content: { type: String, required: true },
  location: String,
  linkedCaseNumber: String,
  state: { type: String, enum: hotlineStates, required: true },
  recordedBy: String,
  recordedAt: { type: Date, required: true },
  dispatchDueAt: Date,
  dispatchedAt: Date,
  departmentCode: String,
  coHandlers: { type: [String], default: [] },
  processInstanceKey: String,
  handleDueAt: Date,
  sendBackUntil: Date,
  superviseAt: Date,
  signedAt: Date,
  extensions: { type: Number, default: 0 },
  rehandles: { type: Number, default: 0 },
  reply: { text: String, by: String, at: Date, onTime: Boolean },
  satisfaction: { type: String, enum: satisfactionLevels },
  calledBackAt: Date,
  closedAt: Date,
  urged: { type: Number, default: 0 },
  supervised: { type: Boolean, default: false },
  pendingExtensionDays: Number,
  followedUp: Boolean,
  calls: [{ _id: false, at: Date, channel: String, content: String, platformOrderNumber: String }],
  events: [{ _id: false, id: String, at: Date, type: { type: String }, by: String, note: String, data: Schema.Types.Mixed }],
  rev: { type: Number, default: 0 },
}, { versionKey: false });
schema.index({ state: 1, recordedAt: -1 });
schema.index({ 'caller.phone': 1, state: 1 });
schema.index({ processInstanceKey: 1 });
serializeWritesBy(schema, '_id');
guardByIdOnFerretDb(schema);

export const hotlineOrderModel = (c: Connection): Model<HotlineOrder> =>
  (c.models.HotlineOrder as Model<HotlineOrder>) ?? c.model<HotlineOrder>('HotlineOrder', schema, 'hotline_orders');

/** Orders still open: a repeated call merges into one of these. */
export const openStates: HotlineState[] = ['pendingDispatch', 'handling', 'sendBackReview', 'extensionReview', 'callBack'];

import { Schema, type Connection, type Model } from 'mongoose';
import { guardByIdOnFerretDb } from '../shared/ferretdb-guard.ts';
import { serializeWritesBy } from '../shared/serialize.ts';

/** 督办 levels, in the order they are raised: 提醒 → 督办通知 → 提级至部门负责人. */
export const supervisionLevels = ['reminder', 'notice', 'escalation'] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];

export interface OrderEntry {
  at: Date;
  type: 'issued' | 'escalated' | 'replied';
  by: string;
  level: SupervisionLevel;
  deadline?: string;
  note?: string;
}

/**
 * A supervision order (督办单) on a late case or step: issued by the director, raised level by level,
 * each level with a deadline in working days, closed by the department's written reply.
 */
export interface SupervisionOrder {
  _id: string;
  caseNumber: string;
  taskKey: string | null;
  step: string | null;
  departmentCode: string;
  matterCode: string | null;
  level: SupervisionLevel;
  /** The last day (hall time) for the department's reply at the current level. */
  deadline: string;
  note: string;
  issuedBy: string;
  state: 'open' | 'answered';
  reply?: { text: string; by: string; at: Date; onTime: boolean };
  history: OrderEntry[];
  createdAt: Date;
  rev: number;
}

const schema = new Schema<SupervisionOrder>({
  _id: { type: String, required: true },
  caseNumber: { type: String, required: true },
  taskKey: { type: String, default: null },
  step: { type: String, default: null },
  departmentCode: { type: String, required: true },
  matterCode: { type: String, default: null },
  level: { type: String, enum: supervisionLevels, required: true },
  deadline: { type: String, required: true },
  note: String,
  issuedBy: String,
  state: { type: String, enum: ['open', 'answered'], required: true },
  reply: { text: String, by: String, at: Date, onTime: Boolean },
  history: [{ _id: false, at: Date, type: { type: String }, by: String, level: String, deadline: String, note: String }],
  createdAt: { type: Date, required: true },
  rev: { type: Number, default: 0 },
}, { versionKey: false });
schema.index({ state: 1, departmentCode: 1, deadline: 1 });
// one change at a time per order in this process, guards evaluated after a read by _id (FerretDB)
serializeWritesBy(schema, '_id');
guardByIdOnFerretDb(schema);

export const supervisionOrderModel = (c: Connection): Model<SupervisionOrder> =>
  (c.models.SupervisionOrder as Model<SupervisionOrder>) ?? c.model<SupervisionOrder>('SupervisionOrder', schema, 'supervision_orders');

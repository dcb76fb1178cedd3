import { Schema, type Connection, type Model } from 'mongoose';
import { priorityReasons, queueCodes, ticketStates, type PriorityReason, type QueueCode, type TicketState } from './queues.ts';

export type { PriorityReason } from './queues.ts';

/**
 * A queue ticket (取号). `round` counts how often it entered a queue (taken, re-queued after 过号,
 * transferred): a call claims `<ticket>:<round>` by a unique insert, so two windows never call the
 * same ticket, on FerretDB as on MongoDB.
 */
export interface Ticket {
  _id: string;
  day: string;
  queue: QueueCode;
  seq: number;
  number: string;
  priority?: PriorityReason;
  appointmentCode?: string;
  /** the slot of a checked-in appointment (HH:MM): served before walk-ins once its time has come */
  slot?: string;
  idNumberHash?: string;
  state: TicketState;
  round: number;
  enqueuedAt: Date;
  takenAt: Date;
  /** a transfer to one window: only that window calls it */
  forWindow?: string;
  calledAt?: Date;
  firstCalledAt?: Date;
  window?: string;
  calledBy?: string;
  recalls: number;
  skips: number;
  finishedAt?: Date;
  caseNumber?: string;
}

const ticketSchema = new Schema<Ticket>({
  _id: { type: String, required: true },
  day: { type: String, required: true },
  queue: { type: String, enum: queueCodes, required: true },
  seq: { type: Number, required: true },
  number: { type: String, required: true },
  priority: { type: String, enum: priorityReasons },
  appointmentCode: String,
  slot: String,
  idNumberHash: String,
  state: { type: String, enum: ticketStates, required: true },
  round: { type: Number, required: true },
  enqueuedAt: { type: Date, required: true },
  takenAt: { type: Date, required: true },
  forWindow: String,
  calledAt: Date,
  firstCalledAt: Date,
  window: String,
  calledBy: String,
  recalls: { type: Number, default: 0 },
  skips: { type: Number, default: 0 },
  finishedAt: Date,
  caseNumber: String,
}, { versionKey: false });
ticketSchema.index({ day: 1, queue: 1, seq: 1 }, { unique: true });
ticketSchema.index({ appointmentCode: 1 }, { unique: true, partialFilterExpression: { appointmentCode: { $type: 'string' } } });
ticketSchema.index({ day: 1, state: 1 });

/** One call of one round of a ticket; the unique `_id` settles a race between windows. */
interface Call { _id: string; ticketId: string; window: string; at: Date }
const callSchema = new Schema<Call>({ _id: String, ticketId: String, window: String, at: Date }, { versionKey: false });

/** A window's calling state: paused or not, the ticket it serves. */
export interface WindowState { _id: string; paused: boolean; ticketId?: string; changedAt: Date }
const windowSchema = new Schema<WindowState>({ _id: String, paused: { type: Boolean, default: false }, ticketId: String, changedAt: Date }, { versionKey: false });

/** 预约: a seat in a half-hour slot of a queue on a day; the unique index keeps the slot's capacity. */
export interface Appointment {
  _id: string;
  code: string;
  queue: QueueCode;
  day: string;
  slot: string;
  seat: number;
  name: string;
  phone: string;
  bookedAt: Date;
  ticketId?: string;
}
const appointmentSchema = new Schema<Appointment>({
  _id: String, code: { type: String, required: true, unique: true }, queue: { type: String, enum: queueCodes, required: true },
  day: { type: String, required: true }, slot: { type: String, required: true }, seat: { type: Number, required: true },
  name: { type: String, required: true }, phone: { type: String, required: true }, bookedAt: Date, ticketId: String,
}, { versionKey: false });
appointmentSchema.index({ queue: 1, day: 1, slot: 1, seat: 1 }, { unique: true });

/** A queue the hall has closed (停止取号) outside the opening hours. */
export interface QueueSetting { _id: QueueCode; open: boolean; changedAt: Date; changedBy: string }
const settingSchema = new Schema<QueueSetting>({ _id: String, open: Boolean, changedAt: Date, changedBy: String }, { versionKey: false });

export function queueModels(db: Connection) {
  const model = <T>(name: string, schema: Schema<T>, collection: string) => (db.models[name] as Model<T>) ?? db.model<T>(name, schema, collection);
  return {
    tickets: model('QueueTicket', ticketSchema, 'queue_tickets'),
    calls: model('QueueCall', callSchema, 'queue_calls'),
    windows: model('QueueWindow', windowSchema, 'queue_windows'),
    appointments: model('QueueAppointment', appointmentSchema, 'queue_appointments'),
    settings: model('QueueSetting', settingSchema, 'queue_settings'),
  };
}
export type QueueModels = ReturnType<typeof queueModels>;

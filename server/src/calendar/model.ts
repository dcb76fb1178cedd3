import { Schema, type Connection, type Model } from 'mongoose';
import type { CalendarOverride } from './working-calendar.ts';

export interface CalendarOverrideDoc extends CalendarOverride {
  createdBy: string;
  createdAt: Date;
}

const schema = new Schema<CalendarOverrideDoc>({
  date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  kind: { type: String, required: true, enum: ['holiday', 'workday'] },
  name: { type: String, required: true, maxlength: 60 },
  source: { type: String, required: true, maxlength: 200 },
  createdBy: { type: String, required: true },
  createdAt: { type: Date, required: true, default: () => new Date() },
}, { collection: 'calendar_overrides', versionKey: false });
schema.index({ date: 1 }, { unique: true });

/** The administrator's overlay on the national calendar: one entry per date. */
export function calendarOverrideModel(connection: Connection): Model<CalendarOverrideDoc> {
  return (connection.models.CalendarOverride as Model<CalendarOverrideDoc>) ?? connection.model<CalendarOverrideDoc>('CalendarOverride', schema);
}

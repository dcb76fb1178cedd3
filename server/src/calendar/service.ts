import mongoose, { type Connection, type Model } from 'mongoose';
import { notFound } from '../shared/errors.ts';
import { dayNumber } from './dates.ts';
import { calendarOverrideModel, type CalendarOverrideDoc } from './model.ts';
import { WorkingCalendar, type CalendarOverride } from './working-calendar.ts';

export interface CalendarServiceDeps {
  db: Connection;
  /** Whether limits count from the day after receipt (default true; usual practice). */
  countFromNextDay?: boolean;
  /** How long another server's change may go unseen (ms); this server's own changes show at once. */
  cacheTtlMs?: number;
}

/**
 * The hall's working-day calendar: national data plus the overrides kept in MongoDB
 * (`calendar_overrides`). The built `WorkingCalendar` is cached and rebuilt after every change made
 * here, or when the cache is older than `cacheTtlMs` (changes made by another server process).
 */
export class CalendarService {
  readonly countFromNextDay: boolean;
  private readonly model: Model<CalendarOverrideDoc>;
  private readonly ttl: number;
  private cached?: { at: number; calendar: Promise<WorkingCalendar> };

  constructor(deps: CalendarServiceDeps) {
    this.model = calendarOverrideModel(deps.db);
    this.countFromNextDay = deps.countFromNextDay ?? true;
    this.ttl = deps.cacheTtlMs ?? 60_000;
  }

  /** The current calendar (cached). */
  calendar(): Promise<WorkingCalendar> {
    if (!this.cached || Date.now() - this.cached.at > this.ttl) {
      const calendar = this.listOverrides().then((entries) => new WorkingCalendar(entries));
      this.cached = { at: Date.now(), calendar };
      calendar.catch(() => { this.cached = undefined; });
    }
    return this.cached.calendar;
  }

  async listOverrides(range: { from?: string; to?: string } = {}): Promise<CalendarOverride[]> {
    const filter: Record<string, unknown> = {};
    if (range.from) dayNumber(range.from, 'from');
    if (range.to) dayNumber(range.to, 'to');
    if (range.from || range.to) filter.date = mongoose.trusted({ ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lte: range.to } : {}) });
    const docs = await this.model.find(filter, { _id: 0, date: 1, kind: 1, name: 1, source: 1 }).sort({ date: 1 }).lean();
    return docs.map(({ date, kind, name, source }) => ({ date, kind, name, source }));
  }

  /** Adds an entry; throws 400 for an invalid date and 409 DUPLICATE when the date has one already. */
  async addOverride(entry: CalendarOverride, createdBy: string): Promise<CalendarOverride> {
    dayNumber(entry.date, 'date');
    await this.model.create({ ...entry, createdBy });
    this.cached = undefined;
    return entry;
  }

  /** Removes the entry for a date; throws 404 when there is none. */
  async removeOverride(date: string): Promise<void> {
    dayNumber(date, 'date');
    const result = await this.model.deleteOne({ date });
    if (result.deletedCount === 0) throw notFound('calendarOverride');
    this.cached = undefined;
  }
}

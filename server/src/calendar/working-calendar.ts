import { validationFailed } from '../shared/errors.ts';
import { dayNumber, isoDate, weekday, type IsoDate } from './dates.ts';
import { holidayNameZh, nationalDays, type NationalDays } from './national.ts';

/** An administrator's entry on top of the national calendar (e.g. Ningxia's 开斋节, a local closure). */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  name: string;
  /** The document that decided it, e.g. 宁政办发〔2025〕xx号. */
  source: string;
}

/** Days from `from` to `to` (inclusive) on which the clock stops: 补正, or a special procedure of art. 45. */
export interface Pause {
  from: IsoDate;
  to: IsoDate;
  reason?: string;
}

export interface CountOptions {
  /**
   * Whether counting starts on the day after `start` (the usual practice: the receipt day does not
   * count). When false, `start` is day 1 if it is a working day.
   */
  countFromNextDay?: boolean;
  /** Intervals that do not count (行政许可法第四十五条; 补正 time). */
  pauses?: Pause[];
  /** Working days added by an approved extension (行政许可法第四十二条: +10, or +15 for joint handling). */
  extensionDays?: number;
}

/** 行政许可法第四十二条: extensions with the approval of the agency head / the government head. */
export const EXTENSION_DAYS = { singleAgency: 10, joint: 15 } as const;

export type DueState = 'normal' | 'dueSoon' | 'overdue';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** where the answer came from */
  source: 'weekday' | 'weekend' | 'national' | 'override';
  name?: string;
}

const MAX_DAYS = 3650;

/**
 * Chinese working-day arithmetic: weekends off, national holidays off, make-up days (调休) on,
 * then the administrator's overrides on top (they win). Pure: built from data, no database.
 * Dates are `YYYY-MM-DD` wall dates of the hall (Asia/Shanghai). Methods throw a 400
 * VALIDATION_FAILED AppError for an invalid date, a negative or absurd count, or a bad pause.
 */
export class WorkingCalendar {
  private readonly exceptions = new Map<number, { working: boolean; source: 'national' | 'override'; name: string }>();

  constructor(overrides: readonly CalendarOverride[] = [], national: NationalDays = nationalDays()) {
    for (const [date, entry] of Object.entries(national.holidays)) this.exceptions.set(dayNumber(date), { working: false, source: 'national', name: holidayNameZh(entry) });
    for (const [date, entry] of Object.entries(national.workdays)) this.exceptions.set(dayNumber(date), { working: true, source: 'national', name: `${holidayNameZh(entry)}调休上班` });
    for (const o of overrides) this.exceptions.set(dayNumber(o.date), { working: o.kind === 'workday', source: 'override', name: o.name });
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.working(dayNumber(date));
  }

  describe(date: IsoDate): DayInfo {
    const day = dayNumber(date);
    const exception = this.exceptions.get(day);
    if (exception) return { date, working: exception.working, source: exception.source, name: exception.name };
    const wd = weekday(day);
    return { date, working: wd !== 0 && wd !== 6, source: wd === 0 || wd === 6 ? 'weekend' : 'weekday' };
  }

  /**
   * The date on which a limit of `n` working days ends (the due date). With n = 0 (即办件) the due
   * date is `start` itself. Working days inside a pause are skipped; an extension adds days.
   */
  addWorkingDays(start: IsoDate, n: number, options: CountOptions = {}): IsoDate {
    const from = dayNumber(start, 'from');
    const extension = options.extensionDays ?? 0;
    checkCount(n, 'days');
    checkCount(extension, 'extensionDays');
    const total = n + extension;
    if (total === 0) return start;
    const paused = pauseDays(options.pauses);
    let day = (options.countFromNextDay ?? true) ? from + 1 : from;
    let counted = 0;
    for (let guard = 0; guard < MAX_DAYS * 2; guard++, day++) {
      if (this.working(day) && !paused(day)) counted++;
      if (counted === total) return isoDate(day);
    }
    throw validationFailed([{ field: 'days', message: 'the limit does not end within ten years' }]);
  }

  /**
   * Working days elapsed after `a` up to and including `b` (pauses not counted); negative when
   * `b` is before `a`. `workingDaysBetween(receipt, today)` is the time used so far.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate, options: Pick<CountOptions, 'pauses'> = {}): number {
    const from = dayNumber(a, 'from');
    const to = dayNumber(b, 'to');
    if (Math.abs(to - from) > MAX_DAYS * 2) throw validationFailed([{ field: 'to', message: 'the interval is longer than twenty years' }]);
    const paused = pauseDays(options.pauses);
    const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let day = lo + 1; day <= hi; day++) if (this.working(day) && !paused(day)) count++;
    return sign * count;
  }

  /**
   * Red when `today` is after the due date; yellow when the due date is within `warnDays` working
   * days after today (or is today); otherwise normal.
   */
  dueState(due: IsoDate, today: IsoDate, options: { warnDays?: number } = {}): DueState {
    const warnDays = options.warnDays ?? 3;
    checkCount(warnDays, 'warnDays');
    if (dayNumber(today, 'today') > dayNumber(due, 'due')) return 'overdue';
    return this.workingDaysBetween(today, due) <= warnDays ? 'dueSoon' : 'normal';
  }

  private working(day: number): boolean {
    const exception = this.exceptions.get(day);
    if (exception) return exception.working;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }
}

function checkCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) {
    throw validationFailed([{ field, message: `must be a whole number of working days from 0 to ${MAX_DAYS}` }]);
  }
}

function pauseDays(pauses: Pause[] = []): (day: number) => boolean {
  if (pauses.length === 0) return () => false;
  const ranges = pauses.map((p, i) => {
    const from = dayNumber(p.from, `pauses.${i}.from`);
    const to = dayNumber(p.to, `pauses.${i}.to`);
    if (to < from) throw validationFailed([{ field: `pauses.${i}.to`, message: 'a pause ends before it starts' }]);
    return [from, to] as const;
  });
  return (day) => ranges.some(([from, to]) => day >= from && day <= to);
}

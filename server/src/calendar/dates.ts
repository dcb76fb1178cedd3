import { validationFailed } from '../shared/errors.ts';

/**
 * Calendar dates as `YYYY-MM-DD` strings. A date here is a day on the wall calendar of the hall,
 * which is in Asia/Shanghai (UTC+8, no daylight saving): never a `Date` with a time of day, so no
 * time zone can shift it. Internally a date is a day number (days since 1970-01-01).
 */
export type IsoDate = string;

export const HALL_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` date, or undefined when it is not a real calendar date. */
export function tryDayNumber(date: string): number | undefined {
  const match = pattern.exec(date);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Day number of a date; throws a 400 VALIDATION_FAILED AppError naming `field` when invalid. */
export function dayNumber(date: string, field = 'date'): number {
  const n = tryDayNumber(date);
  if (n === undefined) throw validationFailed([{ field, message: `not a calendar date (YYYY-MM-DD): ${String(date).slice(0, 40)}` }]);
  return n;
}

export function isoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Today's date in the hall's time zone (Asia/Shanghai), whatever the server's own zone is. */
export function todayInHall(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: HALL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

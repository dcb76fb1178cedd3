import type { WorkingCalendar } from '../calendar/index.ts';

/**
 * Due dates are working days (行政许可法第八十二条); BPMN timers need instants. A limit ends at the
 * close of its last working day; the yellow warning comes at the start of the working day `warnDays`
 * working days before it (DOMAIN.md §8: e.g. T−1 working day). The hall is in Asia/Shanghai.
 */
export const OFFICE_CLOSES = 'T18:00:00+08:00';
export const OFFICE_OPENS = 'T09:00:00+08:00';

export function dueInstant(dueDate: string): string {
  return `${dueDate}${OFFICE_CLOSES}`;
}

/** The working day `warnDays` working days before `dueDate` (never before `from`). */
export function warnDate(calendar: WorkingCalendar, from: string, dueDate: string, warnDays: number): string {
  let day = dueDate;
  for (let left = warnDays; left > 0 && day > from;) {
    day = shift(day, -1);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day < from ? from : day;
}

export function deadlineVariables(calendar: WorkingCalendar, from: string, dueDate: string, warnDays: number, prefix: 'case' | 'step') {
  return {
    [`${prefix}DueDate`]: dueDate,
    [`${prefix}DueAt`]: dueInstant(dueDate),
    [`${prefix}WarnAt`]: `${warnDate(calendar, from, dueDate, warnDays)}${OFFICE_OPENS}`,
  };
}

export function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

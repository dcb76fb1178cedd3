import { todayInHall, type CalendarService } from '../calendar/index.ts';

const DAY = 86_400_000;
/** Midnight at the start of a hall day (Asia/Shanghai, UTC+8, no daylight saving). */
const startOfHallDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`));

/**
 * A task's due time and its yellow-warning time. The task's own due date (zeebe:taskSchedule) wins;
 * otherwise the step's limit (header `limitDays`, else `defaultDays`) is counted in working days
 * from today. The warning falls on the working day before the due day (DOMAIN.md §8: a reminder one
 * working day before the limit).
 */
export async function dueTimes(
  calendar: CalendarService,
  input: { dueDate?: string; limitDays?: string; defaultDays: number; now: Date },
): Promise<{ dueAt: Date; warnAt: Date }> {
  const cal = await calendar.calendar();
  let dueAt = input.dueDate ? new Date(input.dueDate) : undefined;
  if (!dueAt || Number.isNaN(dueAt.getTime())) {
    const limit = Number(input.limitDays);
    const days = Number.isInteger(limit) && limit >= 0 && limit <= 365 ? limit : input.defaultDays;
    const dueDay = cal.addWorkingDays(todayInHall(input.now), days, { countFromNextDay: calendar.countFromNextDay });
    dueAt = new Date(startOfHallDay(dueDay).getTime() + DAY);
  }
  let warnDay = todayInHall(new Date(dueAt.getTime() - 1));
  for (let i = 0; i < 30; i++) {
    warnDay = todayInHall(new Date(startOfHallDay(warnDay).getTime() - DAY));
    if (cal.isWorkingDay(warnDay)) break;
  }
  return { dueAt, warnAt: startOfHallDay(warnDay) };
}

/** yellow (dueSoon) / red (overdue) / normal at `now`. */
export function dueStateAt(task: { dueAt: Date | null; warnAt: Date | null }, now: Date): 'normal' | 'dueSoon' | 'overdue' {
  if (!task.dueAt) return 'normal';
  if (now.getTime() >= task.dueAt.getTime()) return 'overdue';
  if (task.warnAt && now.getTime() >= task.warnAt.getTime()) return 'dueSoon';
  return 'normal';
}

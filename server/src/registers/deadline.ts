import type { WorkingCalendar } from '../calendar/index.ts';
import { warnDate } from '../routing/index.ts';

export const deadlineStates = ['normal', 'yellow', 'red', 'paused'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

/**
 * The deadline state of an open case on `today` (DOMAIN.md §8): red once its due date has passed,
 * yellow from the working day `warnDays` working days before it (the warning the processes' timers
 * give, routing/deadlines.ts), paused while its clock stands still (补正, 第四十五条: the due date
 * moves when the pause ends), normal otherwise.
 */
export function deadlineState(calendar: WorkingCalendar, c: { dueDate?: string | null; pauses?: Array<{ to?: string | null }> }, today: string, warnDays = 1): DeadlineState {
  if (c.pauses?.some((p) => !p.to)) return 'paused';
  if (!c.dueDate) return 'normal';
  if (c.dueDate < today) return 'red';
  return warnDate(calendar, today, c.dueDate, warnDays) === today ? 'yellow' : 'normal';
}

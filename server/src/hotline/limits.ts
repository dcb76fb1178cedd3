import { todayInHall, type CalendarService } from '../calendar/index.ts';
import { dueInstant } from '../routing/index.ts';
import type { HotlineCategory, HotlineUrgency } from './model.ts';

/**
 * The hotline's time rules in working days (DOMAIN.md §10; local rules differ, so each is a setting):
 * dispatch within 1 working day (宁夏 2022 试行办法), 退单 within 2 (山东 2020), extension at most 10,
 * 督办 5 working days after the limit; urgent orders the same day; consultation and help 3,
 * complaints, suggestions and reports 13.
 */
export interface HotlineLimits {
  dispatchDays: number;
  sendBackDays: number;
  maxExtensionDays: number;
  superviseAfterDays: number;
  handleDays: Record<HotlineCategory, number>;
  urgentDays: number;
}

export const defaultHotlineLimits: HotlineLimits = {
  dispatchDays: 1,
  sendBackDays: 2,
  maxExtensionDays: 10,
  superviseAfterDays: 5,
  handleDays: { consultation: 3, help: 3, complaint: 13, suggestion: 13, report: 13 },
  urgentDays: 0,
};

/** Counts working days in the hall's calendar; a limit ends when the office closes on its last day. */
export class HotlineClock {
  constructor(private readonly calendar: CalendarService, readonly limits: HotlineLimits) {}

  /** The close of the `days`-th working day after `from` (0: the same day, or the next working day when `from` is a day off). */
  async dueAfter(from: Date, days: number): Promise<Date> {
    const cal = await this.calendar.calendar();
    const today = todayInHall(from);
    const day = days === 0
      ? (cal.isWorkingDay(today) ? today : cal.addWorkingDays(today, 1))
      : cal.addWorkingDays(today, days, { countFromNextDay: this.calendar.countFromNextDay });
    return new Date(dueInstant(day));
  }

  handleDays(category: HotlineCategory, urgency: HotlineUrgency): number {
    return urgency === 'urgent' ? this.limits.urgentDays : this.limits.handleDays[category];
  }

  /** The deadlines a dispatch (or re-dispatch, or 重办) sets, counted from `from`. */
  async handling(from: Date, category: HotlineCategory, urgency: HotlineUrgency) {
    const handleDueAt = await this.dueAfter(from, this.handleDays(category, urgency));
    return {
      handleDueAt,
      sendBackUntil: await this.dueAfter(from, this.limits.sendBackDays),
      superviseAt: await this.dueAfter(handleDueAt, this.limits.superviseAfterDays),
    };
  }
}

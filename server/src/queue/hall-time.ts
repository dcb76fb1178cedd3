import { HALL_TIME_ZONE, todayInHall } from '../calendar/index.ts';

/** The hall's wall clock: the date and the minutes after midnight in Asia/Shanghai. */
export function hallClock(now: Date): { day: string; minutes: number; hhmm: string } {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: HALL_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number);
  return { day: todayInHall(now), minutes: h * 60 + m, hhmm: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` };
}

export const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export { HALL_TIME_ZONE, todayInHall, type IsoDate } from './dates.ts';
export { nationalDays } from './national.ts';
export { calendarRoutes, type CalendarRouteDeps } from './routes.ts';
export { CalendarService, type CalendarServiceDeps } from './service.ts';
export {
  EXTENSION_DAYS, WorkingCalendar,
  type CalendarOverride, type CountOptions, type DayInfo, type DueState, type Pause,
} from './working-calendar.ts';

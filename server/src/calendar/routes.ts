import type { Request } from 'express';
import { z } from 'zod';
import { overrideBody } from './override.schema.ts';
import { principalOf } from '../auth/index.ts';
import { assertCan, type Authority } from '../authz/index.ts';
import { problem } from '../shared/errors.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { todayInHall } from './dates.ts';
import type { CalendarService } from './service.ts';

export interface CalendarRouteDeps {
  calendar: CalendarService;
  /** Asked by the working-day count (read Calendar); without it that route is not mounted. */
  authority?: Authority;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * Who may change the hall's calendar. One function so that the CASL ability can replace it.
 * Throws 403 FORBIDDEN otherwise.
 */
export function assertMayMaintainCalendar(req: Request): void {
  if (!principalOf(req).roles.includes('systemAdmin')) throw problem('FORBIDDEN', { params: { reason: 'changeCalendar' } });
}

/** Calendar routes: due dates for signed-in users; the override list for administrators. */
export function calendarRoutes(api: Api, deps: CalendarRouteDeps): void {
  const { calendar } = deps;

  api.add({
    method: 'get', path: '/api/calendar/due-date', tag: 'calendar', access: 'user',
    summary: 'Due date of a limit of N working days from a date (national holidays, 调休 and the hall\'s overrides)',
    query: queryObject({
      from: isoDate.describe('date of receipt or acceptance (Asia/Shanghai)'),
      days: z.coerce.number().int().min(0).max(3650).describe('working days'),
      countFromNextDay: z.enum(['true', 'false']).optional().describe('default: the hall setting (true: the day after `from` is day 1)'),
      warnDays: z.coerce.number().int().min(0).max(60).default(3).describe('yellow when due within this many working days'),
      extensionDays: z.coerce.number().int().min(0).max(60).default(0).describe('approved extension (行政许可法第四十二条: 10, or 15 for joint handling)'),
    }),
    handler: async ({ query }) => {
      const cal = await calendar.calendar();
      const countFromNextDay = query.countFromNextDay ? query.countFromNextDay === 'true' : calendar.countFromNextDay;
      const due = cal.addWorkingDays(query.from, query.days, { countFromNextDay, extensionDays: query.extensionDays });
      const today = todayInHall();
      return { from: query.from, days: query.days, extensionDays: query.extensionDays, countFromNextDay, due, timeZone: 'Asia/Shanghai', today, state: cal.dueState(due, today, { warnDays: query.warnDays }) };
    },
  });

  const { authority } = deps;
  if (authority) {
    api.add({
      method: 'get', path: '/api/calendar/working-days', tag: 'calendar', access: 'user',
      summary: 'Working days after `from` up to and including `to` (default today): the days used, or left until a due date, shown beside calendar dates',
      query: queryObject({ from: isoDate, to: isoDate.optional() }),
      handler: async ({ req, query }) => {
        assertCan(await authority.abilityOf(req), 'read', 'Calendar');
        const cal = await calendar.calendar();
        const today = todayInHall();
        const to = query.to ?? today;
        return { from: query.from, to, today, workingDays: cal.workingDaysBetween(query.from, to) };
      },
    });
  }

  api.add({
    method: 'get', path: '/api/calendar/days/:date', tag: 'calendar', access: 'user',
    summary: 'Whether a date is a working day, and why',
    params: z.strictObject({ date: isoDate }),
    query: queryObject({}),
    handler: async ({ params }) => (await calendar.calendar()).describe(params.date),
  });

  api.add({
    method: 'get', path: '/api/calendar/overrides', tag: 'calendar', access: 'user',
    summary: 'The hall\'s calendar overrides (regional holidays, local closures, extra working days)',
    query: queryObject({ from: isoDate.optional(), to: isoDate.optional() }),
    handler: async ({ req, query }) => {
      assertMayMaintainCalendar(req);
      return { items: await calendar.listOverrides(query) };
    },
  });

  api.add({
    method: 'post', path: '/api/calendar/overrides', tag: 'calendar', access: 'user', status: 201,
    summary: 'Add an override for one date, with the document that decided it',
    body: overrideBody,
    handler: async ({ req, body }) => {
      assertMayMaintainCalendar(req);
      return calendar.addOverride(body, principalOf(req).username);
    },
  });

  api.add({
    method: 'delete', path: '/api/calendar/overrides/:date', tag: 'calendar', access: 'user', status: 204,
    summary: 'Remove the override of a date',
    params: z.strictObject({ date: isoDate }),
    query: queryObject({}),
    handler: async ({ req, res, params }) => {
      assertMayMaintainCalendar(req);
      await calendar.removeOverride(params.date);
      res.status(204).end();
    },
  });
}

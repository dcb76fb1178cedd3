import type { Request } from 'express';
import type { Connection } from 'mongoose';
import { principalOf } from '../auth/index.ts';
import { assertCan, subjectOf, type Authority } from '../authz/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import { problem } from '../shared/errors.ts';
import type { Api } from '../shared/http.ts';
import type { FailureCounter } from '../shared/limiter.ts';
import { Appointments } from './appointments.ts';
import { WindowCalling } from './calling.ts';
import { displayBoard, queueFigures } from './figures.ts';
import { hallClock } from './hall-time.ts';
import {
  appointmentParams, bookBody, figuresQuery, finishBody, queueParams, queueSettingBody, slotsQuery, takeTicketBody, ticketParams, transferBody, windowParams,
} from './schemas.ts';
import { TicketDesk } from './tickets.ts';

export interface QueueRouteDeps {
  db: Connection;
  calendar: CalendarService;
  authority: Authority;
  clock?: () => Date;
  caseExists(caseNumber: string): Promise<boolean>;
  /** counted in this process (single) or in the database (cluster): topology/parts.ts */
  limiter(scope: string, max: number, windowMs: number): FailureCounter;
}

/** One address (a kiosk at peak: a ticket every 5 s) takes at most this many tickets or bookings in ten minutes: enough for a kiosk, not for a script emptying the numbers. */
const PUBLIC_TAKES = { max: 120, windowMs: 10 * 60_000 };

/** 取号、叫号、预约、大屏: the public side without sign-in, the window's side under the ability. */
export function queueRoutes(api: Api, deps: QueueRouteDeps): void {
  const desk = new TicketDesk(deps);
  const calling = new WindowCalling(desk, deps.db);
  const appointments = new Appointments(desk, deps.calendar);
  const takes = deps.limiter('queue-takes', PUBLIC_TAKES.max, PUBLIC_TAKES.windowMs);
  const limited = async (req: Request) => {
    const key = req.ip ?? 'unknown';
    const wait = await takes.retryAfterMs(key);
    if (wait > 0) {
      req.res?.set('Retry-After', String(Math.ceil(wait / 1000)));
      throw problem('TOO_MANY_TICKETS');
    }
    await takes.fail(key);
  };
  const pub = { tag: 'queue', access: 'public' as const };

  api.add({ ...pub, method: 'get', path: '/api/public/queues', summary: '取号: the queues, open or not, how many wait and the expected wait', handler: () => desk.board() });
  api.add({
    ...pub, method: 'post', path: '/api/public/queue/tickets', status: 201, summary: '取号: take a ticket (kiosk or phone page)', body: takeTicketBody,
    handler: async ({ req, body }) => { await limited(req); return desk.view(await desk.take(body)); },
  });
  api.add({
    ...pub, method: 'get', path: '/api/public/queue/tickets/:id', summary: 'Where a ticket stands (the id is the unguessable one on the ticket)', params: ticketParams,
    handler: async ({ params }) => desk.view(await desk.find(params.id)),
  });
  api.add({ ...pub, method: 'get', path: '/api/public/queue/display', summary: '大屏: the numbers being called and the queue lengths', handler: () => displayBoard(desk) });
  api.add({
    ...pub, method: 'get', path: '/api/public/queue/slots', summary: '预约: the slots of a day with the seats still free', query: slotsQuery,
    handler: ({ query }) => appointments.free(query.queue, query.day),
  });
  api.add({
    ...pub, method: 'post', path: '/api/public/queue/appointments', status: 201, summary: '预约: book a slot; the code is checked in at the kiosk on the day', body: bookBody,
    handler: async ({ req, body }) => {
      await limited(req);
      const a = await appointments.book(body);
      return { code: a.code, queue: a.queue, day: a.day, slot: a.slot };
    },
  });
  api.add({
    ...pub, method: 'post', path: '/api/public/queue/appointments/:code/check-in', status: 201, summary: '签到: turn an appointment into a ticket on its day, once', params: appointmentParams,
    handler: async ({ params }) => desk.view(await appointments.checkIn(params.code)),
  });

  const staff = { tag: 'queue', access: 'user' as const, ask: ['handle', 'QueueWindow'] as const, params: windowParams };
  const atWindow = async (req: Request, window: string) => {
    assertCan(await deps.authority.abilityOf(req), 'handle', subjectOf('QueueWindow', { windowNumber: window }));
    return principalOf(req).username;
  };
  api.add({ ...staff, method: 'get', path: '/api/queue/windows/:window', summary: "叫号: the window's panel", handler: async ({ req, params }) => { await atWindow(req, params.window); return calling.panel(params.window); } });
  api.add({
    ...staff, method: 'post', path: '/api/queue/windows/:window/call-next', summary: '叫号: call the next ticket (null when no one waits)',
    handler: async ({ req, params }) => ({ called: await calling.callNext(params.window, await atWindow(req, params.window)) }),
  });
  api.add({ ...staff, method: 'post', path: '/api/queue/windows/:window/recall', summary: '重呼: call the current ticket again', handler: async ({ req, params }) => { await atWindow(req, params.window); return calling.recall(params.window); } });
  api.add({ ...staff, method: 'post', path: '/api/queue/windows/:window/skip', summary: '过号: re-queue the current ticket once, then abandon it', handler: async ({ req, params }) => { await atWindow(req, params.window); return calling.skip(params.window); } });
  api.add({
    ...staff, method: 'post', path: '/api/queue/windows/:window/transfer', summary: '转移: send the current ticket to another queue or window', body: transferBody,
    handler: async ({ req, params, body }) => { await atWindow(req, params.window); return calling.transfer(params.window, body); },
  });
  api.add({
    ...staff, method: 'post', path: '/api/queue/windows/:window/finish', summary: '办结: the ticket is served, bound to the case received for it', body: finishBody,
    handler: async ({ req, params, body }) => { await atWindow(req, params.window); return calling.finish(params.window, body.caseNumber, deps.caseExists); },
  });
  api.add({ ...staff, method: 'post', path: '/api/queue/windows/:window/pause', summary: '暂停服务', handler: async ({ req, params }) => { await atWindow(req, params.window); return calling.setPaused(params.window, true); } });
  api.add({ ...staff, method: 'post', path: '/api/queue/windows/:window/resume', summary: '恢复服务', handler: async ({ req, params }) => { await atWindow(req, params.window); return calling.setPaused(params.window, false); } });

  api.add({
    tag: 'queue', access: 'user', ask: ['read', 'Queue'], method: 'get', path: '/api/queue/figures', summary: "A day's queue figures: tickets, waiting and service time per queue, window and hour; abandonment; appointments kept", query: figuresQuery,
    handler: async ({ req, query }) => {
      assertCan(await deps.authority.abilityOf(req), 'read', 'Queue');
      return queueFigures(desk, query.day ?? hallClock(desk.now()).day);
    },
  });
  api.add({
    tag: 'queue', access: 'user', ask: ['update', 'Queue'], method: 'put', path: '/api/queue/queues/:queue', summary: '停止/恢复取号 for a queue', params: queueParams, body: queueSettingBody,
    handler: async ({ req, params, body }) => {
      assertCan(await deps.authority.abilityOf(req), 'update', 'Queue');
      await desk.models.settings.updateOne({ _id: params.queue }, { $set: { open: body.open, changedAt: desk.now(), changedBy: principalOf(req).username } }, { upsert: true });
      return { queue: params.queue, open: body.open };
    },
  });
}

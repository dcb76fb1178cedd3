import type { Request } from 'express';
import mongoose, { type QueryFilter } from 'mongoose';
import { z } from 'zod';
import { principalOf, type Principal } from '../auth/index.ts';
import { accessibleFilter, assertCan, subjectOf, type AppAbility, type Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { taskKeyParams, type TaskBoard, type TaskDoc } from '../tasks/index.ts';
import type { HotlineActions } from './actions.ts';
import { hotlineErrors } from './errors.ts';
import { hotlineFigures } from './figures.ts';
import type { InboundOrders } from './inbound.ts';
import { openStates, type HotlineOrder } from './model.ts';
import type { HotlineOrders } from './orders.ts';
import type { HotlineFollowUps } from './progress.ts';
import {
  callBackBody, directAnswerBody, dispatchBody, extensionBody, inboundBody, listQuery, orderBody, orderParams, replyBody, reviewExtensionBody, reviewSendBackBody, sendBackBody,
} from './schemas.ts';

export interface HotlineRouteDeps {
  orders: HotlineOrders;
  actions: HotlineActions;
  inbound: InboundOrders;
  board: TaskBoard;
  authority: Authority;
  follow: HotlineFollowUps;
}

const ticket = (order: Pick<HotlineOrder, 'departmentCode' | 'coHandlers'>) => subjectOf('HotlineTicket', { departmentCode: order.departmentCode ?? null, coHandlers: order.coHandlers ?? [] });

/** The order as the API shows it: `number` for `_id`, no internal fields. */
export function orderView(o: HotlineOrder) {
  const { _id, events, rev: _rev, followedUp: _f, ...rest } = o;
  return { number: _id, ...rest, events: events.map(({ id: _id2, ...e }) => e) };
}

export const figuresQuery = queryObject({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
/** [from, to] as hall days; default the last 30 days. */
export function period(q: { from?: string; to?: string }, now: Date): [Date, Date] {
  const to = q.to ? new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000 : now.getTime() + 1;
  const from = q.from ? new Date(`${q.from}T00:00:00+08:00`).getTime() : to - 30 * 86_400_000;
  return [new Date(from), new Date(to)];
}

/** 12345: the operator's orders, the platform's inbound link, the hotline steps on the board, the figures. */
export function hotlineRoutes(api: Api, deps: HotlineRouteDeps): void {
  const base = { tag: 'hotline', access: 'user' as const };
  const me = async (req: Request): Promise<[AppAbility, Principal]> => [await deps.authority.abilityOf(req), principalOf(req)];

  api.add({
    ...base, ask: ['create', 'HotlineTicket'], method: 'post', path: '/api/hotline/orders', status: 201, summary: '受理: record a call as a work order (a repeated call is merged into its open order)', body: orderBody,
    handler: async ({ req, res, body }) => {
      const [ability, principal] = await me(req);
      assertCan(ability, 'create', 'HotlineTicket');
      const { order, merged } = await deps.orders.record(body, principal, { kind: 'operator' });
      const view = { ...orderView(order), merged };
      // a repeated call changes an existing order: 200, not 201
      if (merged) return void res.status(200).json(view);
      return view;
    },
  });
  api.add({
    ...base, ask: ['read', 'HotlineTicket'], method: 'get', path: '/api/hotline/orders', summary: 'Work orders I may read, newest first', query: listQuery,
    handler: async ({ req, query }) => {
      const [ability] = await me(req);
      const filter: QueryFilter<HotlineOrder> = { ...accessibleFilter(ability, 'read', 'HotlineTicket') };
      if (query.state === 'open') filter.state = mongoose.trusted({ $in: openStates });
      else if (query.state !== 'all') filter.state = query.state;
      if (query.departmentCode) filter.departmentCode = query.departmentCode;
      if (query.phone) filter['caller.phone'] = query.phone;
      const [items, total] = await Promise.all([
        deps.orders.orders.find(filter, { events: 0 }).sort({ recordedAt: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<HotlineOrder[]>(),
        deps.orders.orders.countDocuments(filter),
      ]);
      return { items: items.map((o) => orderView({ ...o, events: [] })), total, page: query.page, pageSize: query.pageSize };
    },
  });
  api.add({
    ...base, ask: ['read', 'HotlineTicket'], method: 'get', path: '/api/hotline/orders/:number', summary: 'One work order with its history', params: orderParams,
    handler: async ({ req, params }) => {
      const [ability] = await me(req);
      const order = await deps.orders.orders.findById(params.number).lean<HotlineOrder>();
      if (!order || !ability.can('read', ticket(order))) throw hotlineErrors.orderNotFound();
      return orderView(order);
    },
  });
  api.add({
    ...base, ask: ['dispatch', 'HotlineTicket'], method: 'post', path: '/api/hotline/orders/:number/dispatch', summary: '派单: to a lead department (and co-handlers); starts the hotline-order process', params: orderParams, body: dispatchBody,
    handler: async ({ req, params, body }) => {
      const [ability, principal] = await me(req);
      assertCan(ability, 'dispatch', 'HotlineTicket');
      return orderView(await deps.orders.dispatch(params.number, body, principal));
    },
  });
  api.add({
    ...base, ask: ['update', 'HotlineTicket'], method: 'post', path: '/api/hotline/orders/:number/answer', summary: '直接答复: the operator answers the call and closes the order', params: orderParams, body: directAnswerBody,
    handler: async ({ req, params, body }) => {
      const [ability, principal] = await me(req);
      assertCan(ability, 'update', 'HotlineTicket');
      const order = await deps.orders.answerDirectly(params.number, body.answer, principal);
      await deps.follow.onClosed?.(order);
      return orderView(order);
    },
  });

  api.add({
    tag: 'hotline', access: 'public', method: 'post', path: '/api/hotline/inbound/orders', status: 201, body: inboundBody,
    summary: 'The provincial 12345 platform sends an order: HMAC-SHA256 over "<timestamp>.<body>" (headers x-hotline-timestamp, x-hotline-signature); once per platform order number',
    handler: async ({ req, res, body }) => {
      const result = await deps.inbound.receive(req, body);
      if (result.duplicate || result.merged) return void res.status(200).json(result);
      return result;
    },
  });

  const step = <B>(path: string, summary: string, body: z.ZodType<B>, run: (a: AppAbility, p: Principal, t: TaskDoc, b: B) => Promise<HotlineOrder>) =>
    api.add({
      ...base, ask: ['read', 'Task'], method: 'post', path: `/api/hotline/tasks/:key/${path}`, summary, params: taskKeyParams, body,
      handler: async ({ req, params, body: b }) => {
        const [ability, principal] = await me(req);
        const task = await deps.board.load(ability, params.key);
        const order = await run(ability, principal, task, b);
        await deps.board.sync(task._id);
        return orderView(order);
      },
    });
  step('sign-for', '签收: the department takes the order', z.strictObject({}), (a, p, t) => deps.actions.signFor(a, p, t));
  step('send-back', '退单: with a reason, within 2 working days of dispatch', sendBackBody, (a, p, t, b) => deps.actions.sendBack(a, p, t, b.reason));
  step('extension', '延期申请: more working days, asked before the limit', extensionBody, (a, p, t, b) => deps.actions.requestExtension(a, p, t, b.days, b.reason));
  step('reply', '答复: the department\'s reply to the caller', replyBody, (a, p, t, b) => deps.actions.reply(a, p, t, b.text));
  step('review-send-back', '退单审核: re-dispatch to another department or uphold', reviewSendBackBody, (a, p, t, b) => deps.actions.reviewSendBack(a, p, t, b));
  step('review-extension', '延期审核: approve or refuse the extension', reviewExtensionBody, (a, p, t, b) => deps.actions.reviewExtension(a, p, t, b.approve, b.note));
  step('call-back', '回访: the caller\'s satisfaction; 重办 when dissatisfied, else closed', callBackBody, (a, p, t, b) => deps.actions.callBack(a, p, t, b));

  api.add({
    ...base, ask: ['read', 'Report'], method: 'get', path: '/api/analytics/hotline', summary: "The director's hotline figures: by category, department and state; on-time replies, call-backs, satisfaction", query: figuresQuery,
    handler: async ({ req, query }) => {
      const [ability] = await me(req);
      assertCan(ability, 'read', 'Report');
      const [from, to] = period(query, deps.orders.now());
      return hotlineFigures(deps.orders.orders, accessibleFilter(ability, 'read', 'Report'), from, to);
    },
  });
}

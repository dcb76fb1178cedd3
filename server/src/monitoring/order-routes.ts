import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { supervisionLevels } from './order.model.ts';
import type { SupervisionOrders } from './orders.ts';

const id = z.strictObject({ id: z.string().regex(/^SV-\d{8}-[0-9a-f]{8}$/, 'a supervision order id') });
const note = z.string().trim().min(1).max(1000);
const days = z.number().int().min(1).max(30).describe('working days the department has to reply');

/** 督办: issue, raise, reply, list (the director's orders with the red-timer ones) and one order with its timeline. */
export function supervisionRoutes(api: Api, deps: { orders: SupervisionOrders; authority: Authority }): void {
  const ability = (req: Parameters<Authority['abilityOf']>[0]) => deps.authority.abilityOf(req);
  api.add({
    method: 'post', path: '/api/supervision/orders', tag: 'supervision', access: 'user', ask: ['create', 'Supervision'], status: 201,
    summary: '督办: the director issues a supervision order (reminder) on a late case or one of its steps, with a deadline in working days',
    body: z.strictObject({ caseNumber: z.string().regex(/^[A-Z0-9-]{1,40}$/), taskKey: z.string().regex(/^[0-9A-Za-z._-]{1,64}$/).optional(), days, note }),
    handler: async ({ req, body }) => deps.orders.issue(await ability(req), principalOf(req), body),
  });
  api.add({
    method: 'post', path: '/api/supervision/orders/:id/escalate', tag: 'supervision', access: 'user', ask: ['update', 'Supervision'],
    summary: 'Raises an open order one level (reminder → notice → escalation to the department head) with a new deadline; `from` is the level it is raised from',
    params: id,
    body: z.strictObject({ from: z.enum(supervisionLevels), days, note }),
    handler: async ({ req, params, body }) => deps.orders.escalate(await ability(req), principalOf(req), params.id, body),
  });
  api.add({
    method: 'post', path: '/api/supervision/orders/:id/reply', tag: 'supervision', access: 'user', ask: ['reply', 'Supervision'],
    summary: 'The department head closes an order with the department\'s written reply (on time when by the deadline)',
    params: id,
    body: z.strictObject({ text: z.string().trim().min(5).max(4000) }),
    handler: async ({ req, params, body }) => deps.orders.reply(await ability(req), principalOf(req), params.id, body.text),
  });
  api.add({
    method: 'get', path: '/api/supervision/orders', tag: 'supervision', access: 'user', ask: ['read', 'Supervision'],
    summary: 'The 督办 list: the director\'s orders and the automatic ones from red timers, with figures (issued, answered on time, overdue)',
    query: queryObject({ state: z.enum(['open', 'answered', 'all']).default('open') }),
    handler: async ({ req, query }) => deps.orders.list(await ability(req), query.state),
  });
  api.add({
    method: 'get', path: '/api/supervision/orders/:id', tag: 'supervision', access: 'user', ask: ['read', 'Supervision'],
    summary: 'One supervision order with its history (issued, raised, replied)',
    params: id,
    query: queryObject({}),
    handler: async ({ req, params }) => deps.orders.load(await ability(req), params.id),
  });
}

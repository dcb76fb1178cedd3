import mongoose, { type Model, type UpdateQuery } from 'mongoose';
import type { AuditTrail } from '../audit/index.ts';
import { caseLedger } from '../intake/index.ts';
import type { HotlineEvent, HotlineOrder } from './model.ts';

/**
 * Writes one thing that happened to an order, once: on the order (with `also` in the same update),
 * on the linked case's timeline and in the audit trail. A second write of the same event id changes
 * nothing anywhere (a retried request, a redelivered engine event). Returns whether it was new.
 */
export async function recordOnce(
  deps: { orders: Model<HotlineOrder>; trail: AuditTrail },
  order: Pick<HotlineOrder, '_id' | 'linkedCaseNumber' | 'departmentCode'>,
  event: HotlineEvent,
  also: UpdateQuery<HotlineOrder> = {},
): Promise<boolean> {
  const { $push, $inc, ...rest } = also as { $push?: Record<string, unknown>; $inc?: Record<string, number> };
  const done = await deps.orders.updateOne(
    { _id: order._id, 'events.id': mongoose.trusted({ $ne: event.id }) },
    { ...rest, $push: { ...$push, events: event }, $inc: { ...$inc, rev: 1 } },
  );
  if (order.linkedCaseNumber) {
    await caseLedger(deps.orders.db).append(order.linkedCaseNumber, `hotline:${event.id}`, {
      at: event.at, type: `hotline.${event.type}`, actor: event.by, ...(event.note ? { note: event.note } : {}), data: { orderNumber: order._id },
    });
  }
  await deps.trail.append({
    actor: { userId: event.by, username: event.by }, action: `hotline.${event.type}`, subject: { type: 'HotlineTicket', id: order._id },
    departmentCode: order.departmentCode ?? null, data: event.data ?? {},
  }, { once: `hotline:${event.id}` });
  return done.modifiedCount === 1;
}

import type { UserTask, UserTaskListener } from '../engine/index.ts';
import { recordOnce } from './events.ts';
import { hotlineOrderModel, type HotlineOrder, type SatisfactionLevel } from './model.ts';
import type { HotlineOrders } from './orders.ts';

export interface HotlineFollowUps {
  /** The order closed after the call-back: the caller's satisfaction becomes its 好差评 rating. */
  onClosed?(order: HotlineOrder): Promise<void>;
}

const at = (v: Record<string, unknown>) => (typeof v.hotlineAt === 'string' ? new Date(v.hotlineAt) : new Date());
const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : undefined);

/**
 * Moves the order as its process moves: each completed hotline step is applied to the order once
 * (event `task:<key>`), from the variables the step completed with. The actions apply it at once;
 * this listener applies what a crash between the engine's completion and the order's write left
 * undone, when the engine redelivers the event.
 */
export async function applyCompletion(orders: HotlineOrders, task: Pick<UserTask, 'key' | 'elementId' | 'processInstanceKey'>, v: Record<string, unknown>, follow: HotlineFollowUps = {}): Promise<void> {
  const order = await orders.orders.findOne({ processInstanceKey: task.processInstanceKey }).lean<HotlineOrder>();
  if (!order) return;
  const when = at(v);
  const by = typeof v.hotlineActor === 'string' ? v.hotlineActor : 'system';
  const note = typeof v.hotlineNote === 'string' ? v.hotlineNote : undefined;
  const deadlines = v.handleDueAt && v.hotlineOutcome !== 'extension' && v.hotlineOutcome !== 'reply' && v.hotlineOutcome !== 'sendBack'
    ? { handleDueAt: date(v.handleDueAt), superviseAt: date(v.superviseAt), ...(v.sendBackUntil ? { sendBackUntil: date(v.sendBackUntil) } : {}) }
    : {};
  const event = (type: string, data: Record<string, unknown> = {}) => ({ id: `task:${task.key}`, at: when, type, by, ...(note ? { note } : {}), data });
  const write = (type: string, set: Record<string, unknown>, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    recordOnce(orders.events(), { ...order, departmentCode: (set.departmentCode as string | undefined) ?? order.departmentCode }, event(type, data), { $set: set, ...extra });
  const outcome = v.hotlineOutcome;
  if (task.elementId === 'handle') {
    if (outcome === 'sendBack') await write('sentBack', { state: 'sendBackReview' }, { departmentCode: order.departmentCode });
    else if (outcome === 'extension') await write('extensionRequested', { state: 'extensionReview', pendingExtensionDays: v.extensionDays }, { days: v.extensionDays });
    else if (outcome === 'reply') {
      const reply = { text: String(v.replyText ?? ''), by, at: when, onTime: order.handleDueAt ? when <= new Date(order.handleDueAt) : true };
      await write('replied', { state: 'callBack', reply }, { onTime: reply.onTime });
    }
  } else if (task.elementId === 'reviewSendBack') {
    if (outcome === 'redispatch') {
      await write('redispatched', { state: 'handling', departmentCode: v.leadDepartment, ...deadlines }, { from: order.departmentCode, to: v.leadDepartment }, { $unset: { signedAt: 1 } });
    } else await write('sendBackUpheld', { state: 'handling' });
  } else if (task.elementId === 'reviewExtension') {
    if (outcome === 'extensionApproved') {
      await write('extensionApproved', { state: 'handling', ...deadlines }, { days: v.extensionDays }, { $inc: { extensions: Number(v.extensionDays) || 0 } });
    } else await write('extensionRefused', { state: 'handling' });
  } else if (task.elementId === 'callBack') {
    const satisfaction = v.satisfaction as SatisfactionLevel;
    if (outcome === 'rehandle') {
      await write('rehandled', { state: 'handling', satisfaction, calledBackAt: when, ...deadlines }, { satisfaction }, { $inc: { rehandles: 1 }, $unset: { signedAt: 1 } });
    } else {
      const fresh = await write('closed', { state: 'closed', satisfaction, calledBackAt: when, closedAt: when }, { satisfaction });
      if (fresh || !(await hotlineOrderModel(orders.deps.db).exists({ _id: order._id, followedUp: true }))) {
        await follow.onClosed?.((await orders.orders.findById(order._id).lean<HotlineOrder>())!);
        await orders.orders.updateOne({ _id: order._id }, { $set: { followedUp: true } });
      }
    }
  }
}

export function hotlineProgressListener(orders: HotlineOrders, follow: HotlineFollowUps): UserTaskListener {
  return async (event) => {
    if (event.type !== 'completed' || event.task.processId !== 'hotline-order') return;
    await applyCompletion(orders, event.task, event.task.variables, follow);
  };
}

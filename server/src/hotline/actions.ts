import type { Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import type { Variables } from '../engine/index.ts';
import { problem } from '../shared/errors.ts';
import { taskSubject, type TaskDoc } from '../tasks/index.ts';
import { recordOnce } from './events.ts';
import { hotlineErrors } from './errors.ts';
import type { HotlineOrder } from './model.ts';
import type { HotlineOrders } from './orders.ts';
import { applyCompletion, type HotlineFollowUps } from './progress.ts';

/** The board's 签收 and completion (approval/), handed in by the app so that the hotline uses the same guarded path. */
export interface BoardActions {
  claim(ability: AppAbility, principal: Principal, task: TaskDoc): Promise<unknown>;
  complete(principal: Principal, task: TaskDoc, outcome: string, variables: Variables, data: Record<string, unknown>): Promise<unknown>;
}

/**
 * The holder completes a step (409 TASK_NOT_CLAIMED before 签收, TASK_HELD_BY_OTHER); with
 * `takeIfFree` a free step is taken on the way — the hotline's and the director's own reviews, where
 * one person answers.
 */
export async function holdStep(board: BoardActions, ability: AppAbility, principal: Principal, task: TaskDoc, takeIfFree: boolean): Promise<void> {
  assertCan(ability, 'handle', taskSubject(task));
  if (task.assignee === principal.username) return;
  if (task.assignee === null && takeIfFree) {
    await board.claim(ability, principal, task);
    task.assignee = principal.username;
    task.rev += 1;
    return;
  }
  if (task.assignee === null) throw problem('TASK_NOT_CLAIMED');
  throw problem('TASK_HELD_BY_OTHER');
}

export interface HotlineActionDeps {
  orders: HotlineOrders;
  board: BoardActions;
  follow: HotlineFollowUps;
}

/**
 * The hotline steps on the task board. Each checks the step and the rule of its time limit, then
 * completes the board task (guarded: a second request gets 409 and changes nothing) and applies the
 * step to the order.
 */
export class HotlineActions {
  constructor(private readonly deps: HotlineActionDeps) {}

  private get now() { return this.deps.orders.now(); }

  private async orderOf(task: TaskDoc, elementId: string): Promise<HotlineOrder> {
    if (task.processId !== 'hotline-order' || task.elementId !== elementId) throw hotlineErrors.notHotlineTask();
    if (task.state !== 'open') throw problem('TASK_ALREADY_COMPLETED');
    const order = await this.deps.orders.orders.findOne({ processInstanceKey: task.processInstanceKey }).lean<HotlineOrder>();
    if (!order) throw hotlineErrors.notHotlineTask();
    return order;
  }

  private holder(ability: AppAbility, principal: Principal, task: TaskDoc, takeIfFree: boolean): Promise<void> {
    return holdStep(this.deps.board, ability, principal, task, takeIfFree);
  }

  private async finish(principal: Principal, task: TaskDoc, outcome: string, variables: Variables) {
    const all = { ...variables, hotlineOutcome: outcome, hotlineActor: principal.username, hotlineAt: this.now.toISOString() };
    await this.deps.board.complete(principal, task, `hotline.${outcome}`, all, { orderOutcome: outcome });
    await applyCompletion(this.deps.orders, { key: task._id, elementId: task.elementId!, processInstanceKey: task.processInstanceKey! }, all, this.deps.follow);
    const order = await this.deps.orders.orders.findOne({ processInstanceKey: task.processInstanceKey }).lean<HotlineOrder>();
    return order!;
  }

  /** 签收: the department takes the order (the board's claim) and the order notes when. */
  async signFor(ability: AppAbility, principal: Principal, task: TaskDoc) {
    const order = await this.orderOf(task, 'handle');
    await this.deps.board.claim(ability, principal, task);
    await recordOnce(this.deps.orders.events(), order, { id: `signed:${task._id}`, at: this.now, type: 'signedFor', by: principal.username }, { $set: { signedAt: this.now } });
    return this.deps.orders.find(order._id);
  }

  /** 退单: with a reason, within 2 working days of dispatch (409 SEND_BACK_TOO_LATE after). */
  async sendBack(ability: AppAbility, principal: Principal, task: TaskDoc, reason: string) {
    const order = await this.orderOf(task, 'handle');
    await this.holder(ability, principal, task, false);
    if (order.sendBackUntil && this.now > new Date(order.sendBackUntil)) throw hotlineErrors.sendBackTooLate(new Date(order.sendBackUntil).toISOString());
    return this.finish(principal, task, 'sendBack', { hotlineNote: reason });
  }

  /** 延期申请: before the limit (409 EXTENSION_TOO_LATE after), at most 10 working days in all. */
  async requestExtension(ability: AppAbility, principal: Principal, task: TaskDoc, days: number, reason: string) {
    const order = await this.orderOf(task, 'handle');
    await this.holder(ability, principal, task, false);
    if (!order.handleDueAt || this.now >= new Date(order.handleDueAt)) throw hotlineErrors.extensionTooLate();
    const max = this.deps.orders.clock.limits.maxExtensionDays;
    if (order.extensions + days > max) throw hotlineErrors.extensionTooLong(max);
    return this.finish(principal, task, 'extension', { extensionDays: days, hotlineNote: reason });
  }

  /** 答复: the department's reply to the caller, on time or not. */
  async reply(ability: AppAbility, principal: Principal, task: TaskDoc, text: string) {
    await this.orderOf(task, 'handle');
    await this.holder(ability, principal, task, false);
    return this.finish(principal, task, 'reply', { replyText: text, hotlineNote: text });
  }

  /** 退单审核: re-dispatch to another department (new limits from today) or uphold the dispatch. */
  async reviewSendBack(ability: AppAbility, principal: Principal, task: TaskDoc, body: { outcome: 'redispatch'; departmentCode: string; note?: string } | { outcome: 'uphold'; note: string }) {
    const order = await this.orderOf(task, 'reviewSendBack');
    await this.holder(ability, principal, task, true);
    if (body.outcome === 'uphold') return this.finish(principal, task, 'uphold', { hotlineNote: body.note });
    if (body.departmentCode === order.departmentCode) throw hotlineErrors.redispatchTarget();
    await this.deps.orders.assertDepartments(body.departmentCode);
    const d = await this.deps.orders.clock.handling(this.now, order.category, order.urgency);
    return this.finish(principal, task, 'redispatch', {
      leadDepartment: body.departmentCode, handleDueAt: d.handleDueAt.toISOString(), superviseAt: d.superviseAt.toISOString(), sendBackUntil: d.sendBackUntil.toISOString(),
      ...(body.note ? { hotlineNote: body.note } : {}),
    });
  }

  /** 延期审核: an approved extension moves the limit by the working days asked. */
  async reviewExtension(ability: AppAbility, principal: Principal, task: TaskDoc, approve: boolean, note?: string) {
    const order = await this.orderOf(task, 'reviewExtension');
    await this.holder(ability, principal, task, true);
    const days = order.pendingExtensionDays ?? 0;
    if (!approve) return this.finish(principal, task, 'extensionRefused', { extensionDays: days, ...(note ? { hotlineNote: note } : {}) });
    const handleDueAt = await this.deps.orders.clock.dueAfter(new Date(order.handleDueAt!), days);
    const superviseAt = await this.deps.orders.clock.dueAfter(handleDueAt, this.deps.orders.clock.limits.superviseAfterDays);
    return this.finish(principal, task, 'extensionApproved', { extensionDays: days, handleDueAt: handleDueAt.toISOString(), superviseAt: superviseAt.toISOString(), ...(note ? { hotlineNote: note } : {}) });
  }

  /** 回访: the caller's satisfaction; dissatisfied with `rehandle` sends it back (重办) with a new limit. */
  async callBack(ability: AppAbility, principal: Principal, task: TaskDoc, body: { satisfaction: string; note?: string; rehandle: boolean }) {
    const order = await this.orderOf(task, 'callBack');
    await this.holder(ability, principal, task, true);
    const base = { satisfaction: body.satisfaction, ...(body.note ? { hotlineNote: body.note } : {}) };
    if (!body.rehandle) return this.finish(principal, task, 'close', base);
    const d = await this.deps.orders.clock.handling(this.now, order.category, order.urgency);
    return this.finish(principal, task, 'rehandle', { ...base, handleDueAt: d.handleDueAt.toISOString(), superviseAt: d.superviseAt.toISOString(), sendBackUntil: d.sendBackUntil.toISOString() });
  }
}

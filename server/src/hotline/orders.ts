import mongoose, { type Connection } from 'mongoose';
import type { AuditTrail } from '../audit/index.ts';
import { todayInHall, type CalendarService } from '../calendar/index.ts';
import { catalogModels } from '../catalog/index.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { caseLedger } from '../intake/index.ts';
import { nextSequence } from '../shared/sequence.ts';
import { recordOnce } from './events.ts';
import { hotlineErrors } from './errors.ts';
import { defaultHotlineLimits, HotlineClock, type HotlineLimits } from './limits.ts';
import { hotlineOrderModel, openStates, type HotlineOrder } from './model.ts';
import type { OrderInput } from './schemas.ts';
import { REPEAT_SIMILARITY, similarity } from './similar.ts';

export const HOTLINE_PROCESS_ID = 'hotline-order';

export interface HotlineDeps {
  db: Connection;
  calendar: CalendarService;
  engine: WorkflowEngine;
  trail: AuditTrail;
  clock?: () => Date;
  limits?: Partial<HotlineLimits>;
}

export interface Actor { userId: string; username: string }

/** How far back a repeated call looks for an open order of the same caller. */
const REPEAT_WINDOW_MS = 30 * 86_400_000;

/**
 * 12345 work orders: recording a call (merged into an open order of the same caller about the same
 * thing), answering it at once, or dispatching it to a lead department, which starts the
 * `hotline-order` process. Each change is one guarded update of the order (`rev`).
 */
export class HotlineOrders {
  readonly orders;
  readonly clock: HotlineClock;
  readonly now: () => Date;

  constructor(readonly deps: HotlineDeps) {
    this.orders = hotlineOrderModel(deps.db);
    this.clock = new HotlineClock(deps.calendar, { ...defaultHotlineLimits, ...deps.limits });
    this.now = deps.clock ?? (() => new Date());
  }

  async find(number: string): Promise<HotlineOrder> {
    const order = await this.orders.findById(number).lean<HotlineOrder>();
    if (!order) throw hotlineErrors.orderNotFound();
    return order;
  }

  /** The open order a call repeats: same phone, similar content, recorded in the last 30 days. */
  async repeatOf(phone: string, content: string, now: Date): Promise<HotlineOrder | null> {
    const open = await this.orders.find({ 'caller.phone': phone, state: mongoose.trusted({ $in: openStates }), recordedAt: mongoose.trusted({ $gte: new Date(now.getTime() - REPEAT_WINDOW_MS) }) }).lean<HotlineOrder[]>();
    const scored = open.map((o) => ({ o, score: Math.max(similarity(o.content, content), ...o.calls.map((c) => similarity(c.content, content))) }));
    const best = scored.filter((s) => s.score >= REPEAT_SIMILARITY).sort((a, b) => b.score - a.score)[0];
    return best?.o ?? null;
  }

  /**
   * Records a call. A repeated call (重复来电) is added to its open order (`merged: true`) instead of
   * making a second one. 422 CASE_NOT_FOUND when the linked case does not exist.
   */
  async record(input: OrderInput, by: Actor, source: { kind: 'operator' | 'platform'; platformOrderNumber?: string }): Promise<{ order: HotlineOrder; merged: boolean }> {
    if (input.linkedCaseNumber && !(await caseLedger(this.deps.db).exists(input.linkedCaseNumber))) throw hotlineErrors.caseNotFound();
    const now = this.now();
    const call = { at: now, channel: source.kind === 'platform' ? 'platform' as const : 'phone' as const, content: input.content, ...(source.platformOrderNumber ? { platformOrderNumber: source.platformOrderNumber } : {}) };
    const repeat = await this.repeatOf(input.caller.phone, input.content, now);
    if (repeat) {
      await recordOnce(this.events(), repeat, { id: `call:${repeat._id}:${repeat.calls.length + 1}`, at: now, type: 'repeatCall', by: by.username, data: { channel: call.channel } }, { $push: { calls: call } });
      return { order: await this.find(repeat._id), merged: true };
    }
    const day = todayInHall(now);
    const number = `RX${day.replaceAll('-', '')}${String(await nextSequence(this.deps.db, `hotline:${day}`)).padStart(4, '0')}`;
    const order: HotlineOrder = {
      _id: number, source: source.kind, ...(source.platformOrderNumber ? { platformOrderNumber: source.platformOrderNumber } : {}),
      caller: input.caller, category: input.category, urgency: input.urgency, title: input.title, content: input.content,
      ...(input.location ? { location: input.location } : {}), ...(input.linkedCaseNumber ? { linkedCaseNumber: input.linkedCaseNumber } : {}),
      state: 'pendingDispatch', recordedBy: by.username, recordedAt: now, dispatchDueAt: await this.clock.dueAfter(now, this.clock.limits.dispatchDays),
      coHandlers: [], extensions: 0, rehandles: 0, urged: 0, supervised: false, calls: [call], events: [], rev: 0,
    };
    await this.orders.create(order);
    await recordOnce(this.events(), order, { id: `recorded:${number}`, at: now, type: 'recorded', by: by.username, data: { category: input.category, source: source.kind } });
    return { order: await this.find(number), merged: false };
  }

  /** 直接答复: the operator answers the call and closes the order without a department. */
  async answerDirectly(number: string, answer: string, by: Actor): Promise<HotlineOrder> {
    const order = await this.pendingDispatch(number);
    const now = this.now();
    await this.guarded(order, { $set: { state: 'closedDirectly', closedAt: now, reply: { text: answer, by: by.username, at: now, onTime: true } } });
    await recordOnce(this.events(), order, { id: `direct:${number}`, at: now, type: 'answeredDirectly', by: by.username, note: answer });
    return this.find(number);
  }

  /**
   * 派单: names the lead department and co-handlers and starts the `hotline-order` process with the
   * handling deadlines. 422 DEPARTMENT_UNKNOWN for a department the catalogue lacks; 409 when the
   * order was dispatched meanwhile.
   */
  async dispatch(number: string, body: { departmentCode: string; coHandlers: string[]; note?: string }, by: Actor): Promise<HotlineOrder> {
    const order = await this.pendingDispatch(number);
    await this.assertDepartments(body.departmentCode, body.coHandlers);
    const now = this.now();
    const deadlines = await this.clock.handling(now, order.category, order.urgency);
    const coHandlers = [...new Set(body.coHandlers.filter((c) => c !== body.departmentCode))];
    const dispatched = { state: 'handling', dispatchedAt: now, departmentCode: body.departmentCode, coHandlers, ...deadlines };
    await this.guarded(order, { $set: dispatched });
    let started;
    try {
      started = await this.deps.engine.startInstance({ processId: HOTLINE_PROCESS_ID, variables: processVariables({ ...order, ...dispatched } as HotlineOrder) });
    } catch (error) {
      await this.orders.updateOne({ _id: number, state: 'handling', processInstanceKey: null }, { $set: { state: 'pendingDispatch' }, $unset: { dispatchedAt: 1, departmentCode: 1 }, $inc: { rev: 1 } });
      throw error;
    }
    await recordOnce(this.events(), { ...order, departmentCode: body.departmentCode }, {
      id: `dispatched:${number}`, at: now, type: 'dispatched', by: by.username, ...(body.note ? { note: body.note } : {}),
      data: { departmentCode: body.departmentCode, coHandlers, handleDueAt: deadlines.handleDueAt.toISOString(), onTime: now <= order.dispatchDueAt },
    }, { $set: { processInstanceKey: started.processInstanceKey } });
    return this.find(number);
  }

  /** 422 DEPARTMENT_UNKNOWN unless every code is a department of the catalogue. */
  async assertDepartments(lead: string, coHandlers: string[] = []): Promise<void> {
    const known = await catalogModels(this.deps.db).departments.find({ code: mongoose.trusted({ $in: [lead, ...coHandlers] }) }, { code: 1 }).lean();
    const codes = new Set(known.map((d) => d.code));
    if (!codes.has(lead)) throw hotlineErrors.unknownDepartment();
    const missing = coHandlers.findIndex((c) => !codes.has(c));
    if (missing >= 0) throw hotlineErrors.unknownDepartment(`body.coHandlers.${missing}`);
  }

  events() {
    return { orders: this.orders, trail: this.deps.trail };
  }

  private async pendingDispatch(number: string): Promise<HotlineOrder> {
    const order = await this.find(number);
    if (order.state !== 'pendingDispatch') throw hotlineErrors.notPendingDispatch();
    return order;
  }

  private async guarded(order: HotlineOrder, update: { $set: Record<string, unknown> }): Promise<void> {
    const done = await this.orders.updateOne({ _id: order._id, rev: order.rev, state: order.state }, { ...update, $inc: { rev: 1 } });
    if (done.modifiedCount !== 1) throw hotlineErrors.changed();
  }
}

/** What the process and its tasks see of an order (the board shows the caller as the applicant). */
export function processVariables(order: HotlineOrder) {
  return {
    // the department reaches the process only through the lead's candidate group: a `departmentCode`
    // variable would make the hotline's own steps (退单/延期审核, 回访) the department's on the board
    orderNumber: order._id, leadDepartment: order.departmentCode, coHandlers: order.coHandlers, category: order.category, urgency: order.urgency,
    title: order.title, content: order.content.slice(0, 500), location: order.location ?? null, applicantName: order.caller.name,
    handleDueAt: order.handleDueAt!.toISOString(), superviseAt: order.superviseAt!.toISOString(),
  };
}

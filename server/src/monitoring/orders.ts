import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import type { Principal } from '../auth/index.ts';
import type { AuditTrail } from '../audit/index.ts';
import { accessibleFilter, assertCan, subjectOf, type AppAbility } from '../authz/index.ts';
import { todayInHall, type CalendarService } from '../calendar/index.ts';
import { caseLedger, caseReads, type Case } from '../intake/index.ts';
import { supervisionModel, type Supervision } from '../notifications/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { TaskBoard, TaskDoc } from '../tasks/index.ts';
import { supervisionLevels, supervisionOrderModel, type SupervisionOrder } from './order.model.ts';

export interface OrderDeps {
  db: Connection;
  calendar: CalendarService;
  trail: AuditTrail;
  board?: TaskBoard;
  clock?: () => Date;
}

const levelZh = { reminder: '督办提醒', notice: '督办通知', escalation: '提级督办（部门负责人）' } as const;

/**
 * 督办 orders: the director issues one on a late case or step (reminder), raises it (notice, then
 * escalation to the department head), each level with a deadline in working days; the department
 * head closes it with the department's written reply. Every change goes on the case timeline and
 * the audit trail, and the step carries a mark on the approver's board while the order is open.
 */
export function supervisionOrders(deps: OrderDeps) {
  const orders = supervisionOrderModel(deps.db);
  const ledger = caseLedger(deps.db);
  const cases = caseReads(deps.db);
  const now = () => (deps.clock ?? (() => new Date()))();

  async function deadlineIn(days: number): Promise<string> {
    return (await deps.calendar.calendar()).addWorkingDays(todayInHall(now()), days);
  }

  /** The step's board mark and the record in timeline + audit trail, each written once per order change. */
  async function record(order: SupervisionOrder, principal: Principal, type: string, data: Record<string, unknown>): Promise<void> {
    const id = `supervision:${order._id}:${type}:${order.rev}`;
    const at = now();
    if (order.taskKey && deps.board) {
      const mark = order.state === 'open' ? { orderId: order._id, level: order.level, deadline: order.deadline } : null;
      await deps.board.tasks.updateOne({ _id: order.taskKey }, { $set: { supervision: mark } });
      await deps.board.sync(order.taskKey);
    }
    await ledger.append(order.caseNumber, id, { at, type: `supervision.${type}`, actor: principal.username, note: levelZh[order.level], data: { orderId: order._id, level: order.level, deadline: order.deadline, ...data } });
    await deps.trail.append({
      actor: { userId: principal.userId, username: principal.username }, action: `supervision.${type}`,
      subject: { type: 'Supervision', id: order._id }, departmentCode: order.departmentCode, data: { caseNumber: order.caseNumber, level: order.level, ...data },
    }, { once: id });
  }

  async function load(ability: AppAbility, id: string): Promise<SupervisionOrder> {
    const order = await orders.findById(id).lean<SupervisionOrder>();
    if (!order || !ability.can('read', subjectOf('Supervision', order))) throw notFound('supervision', id);
    return order;
  }

  return {
    load,

    async issue(ability: AppAbility, principal: Principal, body: { caseNumber: string; taskKey?: string; days: number; note: string }): Promise<SupervisionOrder> {
      const c = await cases.findOne({ caseNumber: body.caseNumber }, { caseNumber: 1, departmentCode: 1, matterCode: 1 }).lean<Case>();
      if (!c) throw notFound('case', body.caseNumber);
      const task = body.taskKey ? await deps.board?.tasks.findById(body.taskKey, { caseNumber: 1, departmentCode: 1, state: 1, step: 1, name: 1 }).lean<TaskDoc>() : null;
      if (body.taskKey && (!task || task.caseNumber !== c.caseNumber)) {
        throw problem('TASK_NOT_OF_CASE', { fields: [{ field: 'body.taskKey', message: 'not a step of the case' }] });
      }
      const departmentCode = task?.departmentCode ?? c.departmentCode;
      assertCan(ability, 'create', subjectOf('Supervision', { departmentCode }));
      const at = now();
      const order: SupervisionOrder = {
        _id: `SV-${todayInHall(at).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`, caseNumber: c.caseNumber, taskKey: body.taskKey ?? null,
        step: task?.name ?? null, departmentCode, matterCode: c.matterCode, level: 'reminder', deadline: await deadlineIn(body.days), note: body.note,
        issuedBy: principal.username, state: 'open', history: [], createdAt: at, rev: 0,
      };
      order.history.push({ at, type: 'issued', by: principal.username, level: order.level, deadline: order.deadline, note: body.note });
      await orders.create(order);
      await record(order, principal, 'issued', { note: body.note });
      return order;
    },

    /** Raises an open order one level with a new deadline; `from` must be its current level (a retried raise changes nothing twice). */
    async escalate(ability: AppAbility, principal: Principal, id: string, body: { from: SupervisionOrder['level']; days: number; note: string }): Promise<SupervisionOrder> {
      const order = await load(ability, id);
      assertCan(ability, 'update', subjectOf('Supervision', order));
      const next = supervisionLevels[supervisionLevels.indexOf(order.level) + 1];
      if (order.state !== 'open') throw problem('SUPERVISION_CLOSED');
      if (order.level !== body.from) throw problem('SUPERVISION_LEVEL_CHANGED', { params: { level: order.level, levelZh: levelZh[order.level] } });
      if (!next) throw problem('SUPERVISION_TOP_LEVEL');
      const deadline = await deadlineIn(body.days);
      const entry = { at: now(), type: 'escalated' as const, by: principal.username, level: next, deadline, note: body.note };
      const done = await orders.updateOne({ _id: id, state: 'open', level: order.level, rev: order.rev }, { $set: { level: next, deadline }, $push: { history: entry }, $inc: { rev: 1 } });
      if (done.modifiedCount !== 1) throw problem('SUPERVISION_LEVEL_CHANGED');
      const updated = { ...order, level: next, deadline, rev: order.rev + 1, history: [...order.history, entry] };
      await record(updated, principal, 'escalated', { note: body.note });
      return updated;
    },

    /** The department's written reply closes the order; on time when given by its deadline. */
    async reply(ability: AppAbility, principal: Principal, id: string, text: string): Promise<SupervisionOrder> {
      const order = await load(ability, id);
      assertCan(ability, 'reply', subjectOf('Supervision', order));
      if (order.state !== 'open') throw problem('SUPERVISION_CLOSED');
      const at = now();
      const reply = { text, by: principal.username, at, onTime: todayInHall(at) <= order.deadline };
      const entry = { at, type: 'replied' as const, by: principal.username, level: order.level, note: text };
      const done = await orders.updateOne({ _id: id, state: 'open', rev: order.rev }, { $set: { state: 'answered', reply }, $push: { history: entry }, $inc: { rev: 1 } });
      if (done.modifiedCount !== 1) throw problem('SUPERVISION_CLOSED', { params: { variant: 'meanwhile' } });
      const updated: SupervisionOrder = { ...order, state: 'answered', reply, rev: order.rev + 1, history: [...order.history, entry] };
      await record(updated, principal, 'replied', { onTime: reply.onTime });
      return updated;
    },

    /**
     * The one list of 督办: the director's orders and the automatic ones opened by red timers
     * (notifications/supervision.ts), as far as the ability lets the user read, with the figures.
     */
    async list(ability: AppAbility, state: 'open' | 'answered' | 'all') {
      const today = todayInHall(now());
      const mine = await orders.find({ $and: [accessibleFilter(ability, 'read', 'Supervision'), ...(state === 'all' ? [] : [{ state }])] }).sort({ createdAt: -1 }).limit(500).lean<SupervisionOrder[]>();
      const automatic = state === 'answered' ? [] : await supervisionModel(deps.db).find({ $and: [accessibleFilter(ability, 'read', 'Supervision'), { closedAt: mongoose.trusted({ $exists: false }) }] }).limit(500).lean<Supervision[]>();
      const items = [
        ...mine.map((o) => ({ ...o, id: o._id, source: 'director' as const, overdue: o.state === 'open' && today > o.deadline })),
        ...automatic.map((s) => ({ id: s.sourceKey, source: 'redTimer' as const, caseNumber: s.caseNumber, taskKey: null, step: s.elementId, departmentCode: s.departmentCode, level: s.level, reason: s.reason, createdAt: s.openedAt, state: 'open' as const, overdue: true })),
      ];
      const all = state === 'all' ? mine : await orders.find(accessibleFilter(ability, 'read', 'Supervision')).limit(5000).lean<SupervisionOrder[]>();
      const figures = {
        issued: all.length,
        answeredOnTime: all.filter((o) => o.reply?.onTime).length,
        answeredLate: all.filter((o) => o.reply && !o.reply.onTime).length,
        overdue: all.filter((o) => o.state === 'open' && today > o.deadline).length,
        automatic: automatic.length,
      };
      return { items, figures };
    },
  };
}

export type SupervisionOrders = ReturnType<typeof supervisionOrders>;

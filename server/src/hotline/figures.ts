import mongoose, { type Model, type QueryFilter } from 'mongoose';
import type { HotlineOrder } from './model.ts';

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const rows = (map: Map<string, number>) => [...map].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * The director's hotline figures over orders recorded in [from, to): by category, department and
 * state; dispatch within 1 working day; replies on time (办理时限内答复率); call-backs made
 * (回访率); satisfaction (满意率: 非常满意, 满意 and 基本满意 of those called back); repeated calls
 * merged; 催办 and 督办.
 */
export async function hotlineFigures(orders: Model<HotlineOrder>, scope: QueryFilter<HotlineOrder>, from: Date, to: Date) {
  const list = await orders.find({ ...scope, recordedAt: mongoose.trusted({ $gte: from, $lt: to }) },
    { category: 1, departmentCode: 1, state: 1, dispatchedAt: 1, dispatchDueAt: 1, reply: 1, satisfaction: 1, calledBackAt: 1, calls: 1, urged: 1, supervised: 1 }).lean<HotlineOrder[]>();
  const byCategory = new Map<string, number>();
  const byDepartment = new Map<string, number>();
  const byState = new Map<string, number>();
  let dispatched = 0, dispatchedOnTime = 0, replied = 0, repliedOnTime = 0, calledBack = 0, satisfied = 0, repeatCalls = 0, urged = 0, supervised = 0, answeredDirectly = 0;
  for (const o of list) {
    count(byCategory, o.category);
    count(byState, o.state);
    if (o.departmentCode) count(byDepartment, o.departmentCode);
    if (o.dispatchedAt) { dispatched += 1; if (o.dispatchDueAt && o.dispatchedAt <= o.dispatchDueAt) dispatchedOnTime += 1; }
    if (o.state === 'closedDirectly') answeredDirectly += 1;
    else if (o.reply) { replied += 1; if (o.reply.onTime) repliedOnTime += 1; }
    if (o.calledBackAt) { calledBack += 1; if (o.satisfaction && ['verySatisfied', 'satisfied', 'basicallySatisfied'].includes(o.satisfaction)) satisfied += 1; }
    repeatCalls += Math.max(0, (o.calls?.length ?? 1) - 1);
    if (o.urged > 0) urged += 1;
    if (o.supervised) supervised += 1;
  }
  const closed = byState.get('closed') ?? 0;
  return {
    from: from.toISOString(), to: to.toISOString(), total: list.length, answeredDirectly, repeatCalls, urged, supervised,
    byCategory: rows(byCategory), byDepartment: rows(byDepartment), byState: rows(byState),
    dispatchOnTimeRate: rate(dispatchedOnTime, dispatched), replyOnTimeRate: rate(repliedOnTime, replied),
    callBackRate: rate(calledBack, replied), satisfactionRate: rate(satisfied, calledBack), closed,
  };
}

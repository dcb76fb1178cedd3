import mongoose, { type Connection } from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { accessibleFilter, type AppAbility } from '../authz/index.ts';
import { dueStateAt } from './due.ts';
import { taskModel, type TaskDoc, type TaskState } from './model.ts';
import { lastUrgedAt } from './order.ts';
import { taskLists as allLists, type ListQuery, type TaskCounts, type TaskList } from './schemas.ts';

const t = <T extends object>(q: T) => mongoose.trusted(q) as T;
const OPEN = ['open', 'awaitingSigners'];
/** States of a task its holder has finished: completing (the engine is being told) or completed. */
export const DONE: TaskState[] = ['completing', 'completed'];
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The candidate groups a user belongs to: `dept:<code>` of each department served, and each role. */
export function groupsOf(principal: Principal): string[] {
  const depts = [principal.departmentCode, ...(principal.servesDepartmentCodes ?? [])].filter((d): d is string => Boolean(d));
  return [...new Set([...depts.map((d) => `dept:${d}`), ...principal.roles])];
}

function listFilter(list: TaskList, principal: Principal, now: Date): Record<string, unknown> {
  switch (list) {
    case 'mine': return { state: t({ $in: OPEN }), assignee: principal.username };
    case 'groups': return { state: 'open', assignee: null, candidateGroups: t({ $in: groupsOf(principal) }) };
    case 'dueSoon': return { state: t({ $in: OPEN }), warnAt: t({ $lte: now }), dueAt: t({ $gt: now }) };
    case 'overdue': return { state: t({ $in: OPEN }), dueAt: t({ $lte: now }) };
    case 'done': return { state: t({ $in: DONE }), completedBy: principal.username };
    case 'cc': return { state: t({ $in: OPEN }), 'carbonCopies.username': principal.username };
    default: return { state: t({ $in: OPEN }) };
  }
}

/** What a list shows of a task. */
export function taskSummary(task: TaskDoc, now: Date) {
  return {
    key: task._id, kind: task.kind, parentKey: task.parentKey, name: task.name, step: task.step, state: task.state,
    caseNumber: task.caseNumber, applicant: task.applicant ?? null, departmentCode: task.departmentCode, matterCode: task.matterCode,
    candidateGroups: task.candidateGroups, assignee: task.assignee, owner: task.owner, delegated: task.delegated,
    authority: task.authority, sealRequired: task.sealRequired, signature: task.signature,
    dueAt: task.dueAt, warnAt: task.warnAt, dueState: dueStateAt(task, now), createdAt: task.createdAt, urged: task.urges?.length ?? 0,
    lastUrgedAt: lastUrgedAt(task), completedBy: task.completedBy ?? null, outcome: task.outcome ?? null, closedAt: task.closedAt ?? null,
    supervision: task.supervision ?? null,
  };
}

/**
 * The board's lists, every one filtered by the ability (`accessibleFilter` for `read` on Task), so
 * a user sees only the tasks a rule lets them see.
 */
export function taskLists(deps: { db: Connection; clock?: () => Date }) {
  const tasks = taskModel(deps.db);
  const clock = deps.clock ?? (() => new Date());

  const filterFor = (ability: AppAbility, principal: Principal, list: TaskList, extra: Record<string, unknown>, now: Date) =>
    ({ $and: [accessibleFilter(ability, 'read', 'Task'), listFilter(list, principal, now), extra] });

  return {
    async list(ability: AppAbility, principal: Principal, query: ListQuery) {
      const now = clock();
      const extra: Record<string, unknown> = {};
      if (query.matterCode) extra.matterCode = query.matterCode;
      if (query.departmentCode) extra.departmentCode = query.departmentCode;
      if (query.caseNumber) extra.caseNumber = query.caseNumber;
      if (query.stage) extra.step = query.stage;
      if (query.applicant) extra.applicant = t({ $regex: escapeRegex(query.applicant) });
      const filter = filterFor(ability, principal, query.list, extra, now);
      const field = query.sort.replace('-', '');
      const direction = query.sort.startsWith('-') ? -1 : 1;
      const order: Record<string, 1 | -1> = query.sort === 'priority' ? { lastUrgedAt: -1, dueAt: 1, _id: 1 } : { [field]: direction, _id: 1 };
      const [items, total] = await Promise.all([
        tasks.find(filter).sort(order).skip((query.page - 1) * query.pageSize).limit(query.pageSize)
          .select({ form: 0, history: 0 }).lean<TaskDoc[]>(),
        tasks.countDocuments(filter),
      ]);
      return { items: items.map((x) => taskSummary(x, now)), total, page: query.page, pageSize: query.pageSize };
    },

    /** How many tasks each list holds for this user. */
    async counts(ability: AppAbility, principal: Principal): Promise<TaskCounts> {
      const now = clock();
      const values = await Promise.all(allLists.map((l) => tasks.countDocuments(filterFor(ability, principal, l, {}, now))));
      return Object.fromEntries(allLists.map((l, i) => [l, values[i]])) as TaskCounts;
    },
  };
}

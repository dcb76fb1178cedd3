import type { Principal } from '../auth/index.ts';
import type { AppAbility } from '../authz/index.ts';
import { subjectOf } from '../authz/index.ts';
import { groupsOf, taskSummary } from './lists.ts';
import type { TaskDoc } from './model.ts';
import type { ListQuery, TaskList } from './schemas.ts';

type Item = Omit<TaskDoc, 'form' | 'history'>;
const isOpen = (state: string) => state === 'open' || state === 'awaitingSigners';

function add(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/**
 * The open tasks of the board held in this process, with sets by candidate group, assignee and
 * copy recipient, so a list reads a few thousand entries instead of scanning the collection.
 * Why: FerretDB 1.24 on SQLite pushes no filter but `_id` down and sorts in memory, so a list over
 * 100,000 tasks takes seconds there (docs/task-board.md). Every entry carries its `rev`; an older
 * copy never replaces a newer one, and while the first load runs, closed keys are remembered so
 * the load cannot bring them back.
 */
export class BoardIndex {
  private readonly items = new Map<string, Item>();
  private readonly byGroup = new Map<string, Set<string>>();
  private readonly byAssignee = new Map<string, Set<string>>();
  private readonly byCc = new Map<string, Set<string>>();
  private readonly children = new Map<string, Set<string>>();
  private closed: Map<string, number> | null = new Map();

  get size(): number {
    return this.items.size;
  }

  /** Whether an open signature sub-task of this task is known. */
  hasChildren(key: string): boolean {
    return (this.children.get(key)?.size ?? 0) > 0;
  }

  /** Applies the stored state of a task (open: kept; otherwise dropped). */
  apply(task: Item, fromLoad = false): void {
    const current = this.items.get(task._id);
    if (current && current.rev > task.rev) return;
    if (fromLoad && (this.closed?.get(task._id) ?? -1) >= task.rev) return;
    if (current) this.drop(current);
    if (!isOpen(task.state)) {
      this.closed?.set(task._id, task.rev);
      return;
    }
    this.items.set(task._id, task);
    for (const g of task.candidateGroups ?? []) add(this.byGroup, g, task._id);
    if (task.assignee) add(this.byAssignee, task.assignee, task._id);
    for (const c of task.carbonCopies ?? []) add(this.byCc, c.username, task._id);
    if (task.parentKey) add(this.children, task.parentKey, task._id);
  }

  /** Drops a closed task and its signature sub-tasks (a close is final). */
  close(key: string): void {
    for (const child of [...(this.children.get(key) ?? [])]) this.closeOne(child);
    this.closeOne(key);
  }

  private closeOne(key: string): void {
    const current = this.items.get(key);
    if (current) this.drop(current);
    this.closed?.set(key, Number.MAX_SAFE_INTEGER);
  }

  /** After the first load, closed keys need no remembering. */
  loaded(): void {
    this.closed = null;
  }

  private drop(task: Item): void {
    this.items.delete(task._id);
    for (const g of task.candidateGroups ?? []) this.byGroup.get(g)?.delete(task._id);
    if (task.assignee) this.byAssignee.get(task.assignee)?.delete(task._id);
    for (const c of task.carbonCopies ?? []) this.byCc.get(c.username)?.delete(task._id);
    if (task.parentKey) this.children.get(task.parentKey)?.delete(task._id);
  }

  private candidates(list: TaskList, principal: Principal, now: number): Iterable<Item> {
    const from = (keys: Iterable<string> | undefined) => [...(keys ?? [])].map((k) => this.items.get(k)!).filter(Boolean);
    switch (list) {
      case 'mine': return from(this.byAssignee.get(principal.username));
      case 'cc': return from(this.byCc.get(principal.username));
      case 'groups': {
        const keys = new Set<string>();
        for (const g of groupsOf(principal)) for (const k of this.byGroup.get(g) ?? []) keys.add(k);
        return from(keys).filter((t) => t.state === 'open' && t.assignee === null);
      }
      case 'dueSoon': return [...this.items.values()].filter((t) => t.warnAt && t.dueAt && t.warnAt.getTime() <= now && now < t.dueAt.getTime());
      case 'overdue': return [...this.items.values()].filter((t) => t.dueAt && t.dueAt.getTime() <= now);
      default: return this.items.values();
    }
  }

  /** The entries of a list that the ability lets the user read, with the query's filters. */
  select(ability: AppAbility, principal: Principal, list: TaskList, query: Partial<ListQuery>, now: Date): Item[] {
    const out: Item[] = [];
    // The answer depends only on the fields the rules read: ask once per distinct combination.
    const memo = new Map<string, boolean>();
    for (const t of this.candidates(list, principal, now.getTime())) {
      if (query.matterCode && t.matterCode !== query.matterCode) continue;
      if (query.departmentCode && t.departmentCode !== query.departmentCode) continue;
      if (query.caseNumber && t.caseNumber !== query.caseNumber) continue;
      const key = `${t.departmentCode}\u0000${t.matterCode}\u0000${t.assignee}\u0000${(t.candidateGroups ?? []).join('\u0001')}`;
      let may = memo.get(key);
      if (may === undefined) {
        may = ability.can('read', subjectOf('Task', { departmentCode: t.departmentCode, matterCode: t.matterCode, candidateGroups: t.candidateGroups, assignee: t.assignee }));
        memo.set(key, may);
      }
      if (may) out.push(t);
    }
    return out;
  }

  list(ability: AppAbility, principal: Principal, query: ListQuery, now: Date) {
    const found = this.select(ability, principal, query.list, query, now);
    const field = query.sort.replace('-', '') as 'dueAt' | 'createdAt';
    const direction = query.sort.startsWith('-') ? -1 : 1;
    const value = (t: Item) => t[field]?.getTime() ?? Number.MAX_SAFE_INTEGER;
    found.sort((a, b) => direction * (value(a) - value(b)) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    const page = found.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    return { items: page.map((t) => taskSummary(t as TaskDoc, now)), total: found.length, page: query.page, pageSize: query.pageSize };
  }
}

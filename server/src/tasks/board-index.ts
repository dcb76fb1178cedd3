import type { Principal } from '../auth/index.ts';
import type { AppAbility } from '../authz/index.ts';
import { subjectOf } from '../authz/index.ts';
import { DoneIndex } from './done-index.ts';
import { groupsOf, taskSummary } from './lists.ts';
import type { TaskDoc } from './model.ts';
import { comparator, hasFilters, matchesFilters, type Item, type Sort } from './order.ts';
import type { ListQuery, TaskList } from './schemas.ts';

const isOpen = (state: string) => state === 'open' || state === 'awaitingSigners';

/** A task that entered, changed in or left the open board (`before`/`after` absent when not open). */
export interface BoardChange {
  key: string;
  before?: Item;
  after?: Item;
}

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
  private readonly byDepartment = new Map<string, Set<string>>();
  private readonly children = new Map<string, Set<string>>();
  private closed: Map<string, number> | null = new Map();
  /** Per candidate group, its entries in each list order asked for; dropped when the group changes. */
  private readonly sortedByGroup = new Map<string, Map<Sort, GroupView>>();
  private readonly authKeys = new WeakMap<Item, string>();
  /** Closed tasks by the user who completed them (已办). */
  readonly done = new DoneIndex();
  /** Told of every change, after the index took it (the task stream's single-topology feed). */
  readonly listeners = new Set<(change: BoardChange) => void>();

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
    this.done.apply(task);
    if (!isOpen(task.state)) {
      this.closed?.set(task._id, task.rev);
      if (current) this.tell({ key: task._id, before: current });
      return;
    }
    this.items.set(task._id, task);
    this.tell({ key: task._id, before: current, after: task });
    for (const g of task.candidateGroups ?? []) {
      add(this.byGroup, g, task._id);
      this.sortedByGroup.delete(g);
    }
    if (task.assignee) add(this.byAssignee, task.assignee, task._id);
    for (const c of task.carbonCopies ?? []) add(this.byCc, c.username, task._id);
    add(this.byDepartment, task.departmentCode ?? '', task._id);
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
    if (current) this.tell({ key, before: current });
  }

  private tell(change: BoardChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** After the first load, closed keys need no remembering. */
  loaded(): void {
    this.closed = null;
  }

  private drop(task: Item): void {
    this.items.delete(task._id);
    for (const g of task.candidateGroups ?? []) {
      this.byGroup.get(g)?.delete(task._id);
      this.sortedByGroup.delete(g);
    }
    if (task.assignee) this.byAssignee.get(task.assignee)?.delete(task._id);
    for (const c of task.carbonCopies ?? []) this.byCc.get(c.username)?.delete(task._id);
    this.byDepartment.get(task.departmentCode ?? '')?.delete(task._id);
    if (task.parentKey) this.children.get(task.parentKey)?.delete(task._id);
  }

  /** A candidate group's entries in list order, kept until the group's membership changes. */
  private groupView(group: string, sort: Sort): GroupView {
    let bySort = this.sortedByGroup.get(group);
    if (!bySort) this.sortedByGroup.set(group, (bySort = new Map()));
    let view = bySort.get(sort);
    if (!view) bySort.set(sort, (view = buildView(this.from(this.byGroup.get(group)).sort(comparator(sort)), (t) => this.authKey(t))));
    return view;
  }

  /** The user's candidate groups that have entries. */
  private groupsWithTasks(principal: Principal): string[] {
    return groupsOf(principal).filter((g) => (this.byGroup.get(g)?.size ?? 0) > 0);
  }

  private from(keys: Iterable<string> | undefined): Item[] {
    const out: Item[] = [];
    for (const k of keys ?? []) {
      const item = this.items.get(k);
      if (item) out.push(item);
    }
    return out;
  }

  /** The entries a list starts from, in list order when `sort` is given. */
  /**
   * The open entries the ability could let the user read: those of the departments its `read` rules
   * are bound to (an approver: the departments served), or all when a rule is not bound to one (the
   * director). Each entry is still asked (`mayRead`); this only spares walking 100,000 of them.
   */
  private readable(ability: AppAbility): Item[] {
    const departments = departmentsOf(ability);
    if (!departments) return [...this.items.values()];
    const out: Item[] = [];
    for (const d of departments) out.push(...this.from(this.byDepartment.get(d)));
    return out;
  }

  private candidates(list: TaskList, principal: Principal, now: number, sort: Sort | null, ability: AppAbility): readonly Item[] {
    if (list === 'groups') {
      const groups = this.groupsWithTasks(principal);
      // The usual case, one group: its kept order serves every request without a sort.
      if (groups.length === 1) return sort ? this.groupView(groups[0], sort).items : this.from(this.byGroup.get(groups[0]));
      const keys = new Set<string>();
      for (const g of groups) for (const k of this.byGroup.get(g)!) keys.add(k);
      return ordered(this.from(keys), sort);
    }
    switch (list) {
      case 'done': return ordered(this.done.of(principal.username), sort);
      case 'mine': return ordered(this.from(this.byAssignee.get(principal.username)), sort);
      case 'cc': return ordered(this.from(this.byCc.get(principal.username)), sort);
      case 'dueSoon': return ordered(this.readable(ability).filter((t) => t.warnAt && t.dueAt && t.warnAt.getTime() <= now && now < t.dueAt.getTime()), sort);
      case 'overdue': return ordered(this.readable(ability).filter((t) => t.dueAt && t.dueAt.getTime() <= now), sort);
      default: return ordered(this.readable(ability), sort);
    }
  }

  /**
   * Walks a list's entries that the ability lets the user read, with the query's filters: how many
   * there are, and those in the window [from, to) of the list order (`sort`).
   */
  private scan(ability: AppAbility, principal: Principal, list: TaskList, query: Partial<ListQuery>, now: Date, sort: Sort | null, from = 0, to = 0) {
    const page: Item[] = [];
    let total = 0;
    // The answer depends only on the fields the rules read: ask once per distinct combination.
    const memo = new Map<string, boolean>();
    for (const t of this.candidates(list, principal, now.getTime(), sort, ability)) {
      if (list === 'groups' && (t.state !== 'open' || t.assignee !== null)) continue;
      if (!matchesFilters(t, query)) continue;
      const key = this.authKey(t);
      let may = memo.get(key);
      if (may === undefined) {
        may = mayRead(ability, t);
        memo.set(key, may);
      }
      if (!may) continue;
      if (total >= from && total < to) page.push(t);
      total++;
    }
    return { page, total };
  }

  /**
   * "My group's tasks" of a user in one candidate group, without filters — the board's busiest
   * list: the ability is asked once per distinct (department, matter, groups) of the group, the
   * total is summed from the view's counts, and only the entries up to the page are walked. Null
   * when the query is not that case (`scan` answers it).
   */
  private groupPage(ability: AppAbility, principal: Principal, query: ListQuery, from: number): { page: Item[]; total: number } | null {
    if (query.list !== 'groups' || hasFilters(query)) return null;
    const groups = this.groupsWithTasks(principal);
    if (groups.length !== 1) return null;
    const view = this.groupView(groups[0], query.sort);
    const allowed = view.representatives.map((t) => mayRead(ability, t));
    let total = 0;
    allowed.forEach((may, k) => { if (may) total += view.eligibleCount[k]; });
    const page: Item[] = [];
    for (let i = 0, seen = 0; i < view.items.length && page.length < query.pageSize; i++) {
      if (!view.eligible[i] || !allowed[view.keyOf[i]]) continue;
      if (seen++ >= from) page.push(view.items[i]);
    }
    return { page, total };
  }

  private authKey(t: Item): string {
    let key = this.authKeys.get(t);
    if (key === undefined) this.authKeys.set(t, (key = `${t.departmentCode}\u0000${t.matterCode}\u0000${t.assignee}\u0000${(t.candidateGroups ?? []).join('\u0001')}`));
    return key;
  }

  /** How many entries of a list the user may read. */
  count(ability: AppAbility, principal: Principal, list: TaskList, now: Date): number {
    return this.scan(ability, principal, list, {}, now, null).total;
  }

  list(ability: AppAbility, principal: Principal, query: ListQuery, now: Date) {
    const from = (query.page - 1) * query.pageSize;
    const { page, total } = this.groupPage(ability, principal, query, from) ?? this.scan(ability, principal, query.list, query, now, query.sort, from, from + query.pageSize);
    return { items: page.map((t) => taskSummary(t as TaskDoc, now)), total, page: query.page, pageSize: query.pageSize };
  }
}

/** The departments every `read` rule on Task is bound to, or null when one is not (the lists then walk every entry). */
function departmentsOf(ability: AppAbility): string[] | null {
  const out = new Set<string>();
  for (const rule of ability.rulesFor('read', 'Task')) {
    if (rule.inverted) continue; // a cannot only narrows what the can rules allow
    const d = (rule.conditions as Record<string, unknown> | undefined)?.departmentCode;
    if (typeof d === 'string') out.add(d);
    else if (d && typeof d === 'object' && Array.isArray((d as { $in?: unknown }).$in)) for (const x of (d as { $in: unknown[] }).$in) out.add(String(x));
    else return null;
  }
  return [...out];
}

/** Whether the ability lets the user read a task: the rules read only these fields. */
const mayRead = (ability: AppAbility, t: Item) =>
  ability.can('read', subjectOf('Task', { departmentCode: t.departmentCode, matterCode: t.matterCode, candidateGroups: t.candidateGroups, assignee: t.assignee }));

/** A group's entries in one list order, with what the busiest list needs precomputed. */
interface GroupView {
  items: Item[];
  /** Per entry: open and unassigned (what "my group's tasks" shows). */
  eligible: Uint8Array;
  /** Per entry: its distinct authority key (department, matter, assignee, groups) as a number. */
  keyOf: Int32Array;
  /** Per authority key: an entry that has it (the ability reads only those fields). */
  representatives: Item[];
  /** Per authority key: how many eligible entries have it. */
  eligibleCount: number[];
}

function buildView(items: Item[], authKey: (t: Item) => string): GroupView {
  const ids = new Map<string, number>();
  const view: GroupView = { items, eligible: new Uint8Array(items.length), keyOf: new Int32Array(items.length), representatives: [], eligibleCount: [] };
  items.forEach((t, i) => {
    const key = authKey(t);
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = view.representatives.length));
      view.representatives.push(t);
      view.eligibleCount.push(0);
    }
    view.keyOf[i] = id;
    if (t.state === 'open' && t.assignee === null) {
      view.eligible[i] = 1;
      view.eligibleCount[id]++;
    }
  });
  return view;
}

const ordered = (items: Item[], sort: Sort | null) => (sort ? items.sort(comparator(sort)) : items);

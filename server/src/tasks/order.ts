import type { TaskDoc } from './model.ts';
import type { ListQuery } from './schemas.ts';

/** What the in-memory lists keep of a task. */
export type Item = Omit<TaskDoc, 'form' | 'history'>;
export type Sort = ListQuery['sort'];

/** The time of the latest 催办/督办 on a task, or null when it was never urged. */
export function lastUrgedAt(t: Pick<Item, 'urges' | 'lastUrgedAt'>): Date | null {
  if (t.lastUrgedAt) return t.lastUrgedAt;
  let last: Date | null = null;
  for (const u of t.urges ?? []) if (u.at && (!last || u.at.getTime() > last.getTime())) last = u.at;
  return last;
}

const byKey = (a: Item, b: Item) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
const timeOr = (d: Date | null | undefined, missing: number) => d?.getTime() ?? missing;

/**
 * List order: by the sort field (missing last), then by key. `priority` puts urged tasks first, the
 * most recently urged first, then by due time — as the collection sorts `{ lastUrgedAt: -1, dueAt: 1 }`.
 */
export function comparator(sort: Sort): (a: Item, b: Item) => number {
  if (sort === 'priority') {
    const due = (t: Item) => timeOr(t.dueAt, Number.MAX_SAFE_INTEGER);
    return (a, b) => timeOr(lastUrgedAt(b), -1) - timeOr(lastUrgedAt(a), -1) || due(a) - due(b) || byKey(a, b);
  }
  const field = sort.replace('-', '') as 'dueAt' | 'createdAt';
  const direction = sort.startsWith('-') ? -1 : 1;
  const value = (t: Item) => timeOr(t[field], Number.MAX_SAFE_INTEGER);
  return (a, b) => direction * (value(a) - value(b)) || byKey(a, b);
}

/** The query's filters (matter, department, stage, applicant, case number); all must hold. */
export function matchesFilters(t: Item, query: Partial<ListQuery>): boolean {
  if (query.matterCode && t.matterCode !== query.matterCode) return false;
  if (query.departmentCode && t.departmentCode !== query.departmentCode) return false;
  if (query.stage && t.step !== query.stage) return false;
  if (query.caseNumber && t.caseNumber !== query.caseNumber) return false;
  if (query.applicant && !(t.applicant ?? '').includes(query.applicant)) return false;
  return true;
}

/** Whether the query has a filter (the busiest list's fast path takes none). */
export const hasFilters = (query: Partial<ListQuery>) =>
  Boolean(query.matterCode || query.departmentCode || query.stage || query.caseNumber || query.applicant);

import { reactive, ref, shallowRef } from 'vue';
import { taskLists, taskSorts, type BulkClaimResult, type TaskCounts, type TaskList } from '@server/tasks/vocabulary.ts';
import { api } from '../../api/client.ts';
import type { Paged } from '../../types/api.ts';

/** A row of the board as `GET /api/tasks` answers it. */
export interface BoardRow {
  key: string;
  name: string;
  step: string;
  state: string;
  caseNumber: string | null;
  applicant: string | null;
  matterCode: string | null;
  departmentCode: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
  createdAt: string;
  closedAt: string | null;
  urged: number;
}

/** The tabs, in the order the page shows them (`all` is the director's list, not a tab). */
export const boardTabs = taskLists.filter((l): l is Exclude<TaskList, 'all'> => l !== 'all');
export type BoardTab = (typeof boardTabs)[number];
export type BoardSort = (typeof taskSorts)[number];
export { taskSorts };

export interface BoardFilter {
  matterCode: string;
  departmentCode: string;
  stage: string;
  applicant: string;
  caseNumber: string;
}

export const PAGE_SIZE = 20;
const emptyFilter = (): BoardFilter => ({ matterCode: '', departmentCode: '', stage: '', applicant: '', caseNumber: '' });

/**
 * The board's state: the tab, filters, order and page (kept in the address, so a reload or a link
 * shows the same list), the rows and the counts. `load` drops answers that a newer request
 * overtook, so a burst of live updates cannot show an older list last.
 */
export function useBoard(initial: { list?: string; sort?: string }) {
  const tab = ref<BoardTab>(boardTabs.includes(initial.list as BoardTab) ? (initial.list as BoardTab) : 'mine');
  const sort = ref<BoardSort>(taskSorts.includes(initial.sort as BoardSort) ? (initial.sort as BoardSort) : 'dueAt');
  const filter = reactive(emptyFilter());
  const page = ref(1);
  const rows = shallowRef<BoardRow[]>([]);
  const total = ref(0);
  const loaded = ref(false);
  const counts = ref<Partial<TaskCounts>>({});
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    const answer = await api.get<Paged<BoardRow>>('/api/tasks', {
      query: { list: tab.value, sort: sort.value, page: page.value, pageSize: PAGE_SIZE, ...filter, caseNumber: filter.caseNumber.trim().toUpperCase() || undefined, applicant: filter.applicant.trim() || undefined },
    });
    if (mine !== generation) return;
    // a page emptied by claims or completions: show the last page that has rows
    if (answer.items.length === 0 && answer.total > 0 && page.value > 1) {
      page.value = Math.ceil(answer.total / PAGE_SIZE);
      return load();
    }
    rows.value = answer.items;
    total.value = answer.total;
    loaded.value = true;
  }

  async function loadCounts(): Promise<void> {
    counts.value = await api.get<TaskCounts>('/api/tasks/counts');
  }

  /** 批量签收: each task answered on its own; the failures are returned for the page to show. */
  async function claim(keys: string[]): Promise<{ claimed: number; failed: BulkClaimResult[] }> {
    const answer = await api.post<{ claimed: number; results: BulkClaimResult[] }>('/api/tasks/claim', { keys });
    return { claimed: answer.claimed, failed: answer.results.filter((r) => !r.ok) };
  }

  const clearFilter = () => Object.assign(filter, emptyFilter());
  return { tab, sort, filter, page, rows, total, loaded, counts, load, loadCounts, claim, clearFilter };
}

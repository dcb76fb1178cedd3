import type { caseView } from '@server/intake/views.ts';

/** Answers of the server, typed from the server's own view functions (no second copy of the shapes). */
export type CaseView = ReturnType<typeof caseView>;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A task as the board lists it (GET /api/tasks). */
export interface TaskItem {
  key: string;
  name: string;
  step: string;
  state: string;
  caseNumber: string | null;
  matterCode: string | null;
  departmentCode: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string;
  createdAt: string;
  form?: Record<string, unknown>;
}

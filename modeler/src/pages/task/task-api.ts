import type { Forecast } from '@server/forecast/types.ts';
import type { ElementVisit, RecordStep } from '@server/casefile/types.ts';
import { api } from '../../api/client.ts';
import type { TaskItem } from '../../types/api.ts';

/** Dates arrive as ISO strings: the server's record types with their Date fields as strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K] extends object ? Json<T[K]> : T[K] };

export type Step = Json<RecordStep>;
export type Visit = Json<ElementVisit>;
export type PathAhead = Json<Forecast>;

export interface TaskDetail extends TaskItem {
  kind: 'engine' | 'signature';
  parentKey?: string;
  owner: string | null;
  delegated: boolean;
  authority?: string;
  sealRequired: boolean;
  dueState: 'normal' | 'dueSoon' | 'overdue';
  returnTargets: string[];
  headers: Record<string, string>;
  form: Record<string, unknown>;
  opinionDraft?: string;
  outcome?: string;
  /** The process and BPMN element of the step (a 12345 or 差评整改 step gets its own actions). */
  processId?: string;
  elementId?: string;
  /** Who completed it (a completed step offers 撤回 to that person). */
  completedBy?: string;
  signatures: Array<TaskItem & { outcome?: string; signature?: { position: string; mode: string } }>;
  history: Array<{ at: string; type: string; by: string; note?: string; data?: Record<string, unknown> }>;
}

export interface SealPreview {
  sealRequired: boolean;
  agency: string;
  svg: string;
  allowed: boolean;
  refusal?: { code: string; zh: string; en: string };
  delegation?: { id: string; powers: string[]; departmentCode: string; allMatters: boolean; matterCodes: string[]; validFrom: string; validTo: string };
}

export interface Phrases { items: Array<{ id: string; text: string }>; defaults: string[] }

export const taskApi = {
  task: (key: string) => api.get<TaskDetail>(`/api/tasks/${key}`),
  record: (caseNumber: string) => api.get<{ processId?: string; processVersion?: number; steps: Step[] }>(`/api/cases/${caseNumber}/record`),
  path: (caseNumber: string) => api.get<{ processId?: string; processVersion?: number; elements: Visit[] }>(`/api/cases/${caseNumber}/path`),
  forecast: (caseNumber: string) => api.get<PathAhead>(`/api/cases/${caseNumber}/forecast`),
  seal: (key: string) => api.get<SealPreview>(`/api/tasks/${key}/seal`),
  phrases: () => api.get<Phrases>('/api/phrases'),
  savePhrase: (text: string) => api.post<Phrases>('/api/phrases', { text }),
  act: (key: string, action: string, body: object = {}) => api.post<{ state?: string }>(`/api/tasks/${key}/${action}`, body),
  approvalRecord: (caseNumber: string) => api.post<{ documentId: string; verificationCode: string; kind: string }>(`/api/cases/${caseNumber}/approval-record`),
};

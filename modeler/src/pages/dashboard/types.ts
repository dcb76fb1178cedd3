/** What the director's reports answer (server/src/analytics/reports.ts). */
export interface Filter {
  from?: string;
  to?: string;
  departmentCode?: string;
  zone?: string;
}

export interface Bottleneck {
  processId: string; processVersion: number; elementId: string; name: string; through: number;
  meanWaitHours: number | null; meanHandleHours: number | null; meanHours: number | null; p50Hours: number | null; p90Hours: number | null;
  meanWorkingDays: number | null; overdueShare: number | null; wip: number; overdueNow: number;
}

export interface OverdueStep {
  key: string; caseNumber: string; name: string; departmentCode: string; assignee: string | null; dueAt: string; dueState: 'overdue' | 'dueSoon';
}

export interface HallFigures {
  received: number; completed: number; onTimeRate: number | null; oneWindowRate: number | null; oneWindowTarget: number;
  entryRate: number | null; entryTarget: number; immediateShare: number | null; pendingMaterials: number; pendingKept: number; commitment: number;
  outcomes: Record<'accepted' | 'refused' | 'correctionRequested' | 'completed', number>;
  daily: Array<{ day: string; received: number; completed: number; onTimeRate: number | null; oneWindowRate: number | null }>;
  slowestSteps: Bottleneck[];
  slowestDepartments: Array<{ key: string; meanWorkingDaysUsed: number | null }>;
  overdue: OverdueStep[];
}

export interface ElementCase {
  caseNumber: string; taskKey: string; departmentCode: string; windowNumber: string; assignee: string | null;
  since?: string; createdAt?: string; hours?: number; workingDays?: number; overdue: boolean;
}

export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

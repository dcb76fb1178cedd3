import { api } from '../../api/client.ts';
import type { MigrateBody, MigrationMappingInput, MigrationOutcome, PreviewBody } from '@server/processes/migration/schemas.ts';

export type Mapping = MigrationMappingInput;
export interface Problem { elementId: string; code: string; zh: string; en: string }
export interface ElementRow { id: string; type: string; name?: string; parent: string | null }
export interface CasePreview {
  caseNumber: string; applicant?: string; currentStep?: string; processInstanceKey: string;
  active: Array<{ elementId: string; name?: string }>; complete: boolean; canMove: boolean; problems: Problem[];
}
export interface Preview {
  processId: string; source: { version: number; elements: ElementRow[] }; target: { version: number; elements: ElementRow[] };
  mappings: Mapping[]; mappingProblems: Problem[]; cases: CasePreview[];
}
export interface MigrationResult { caseNumber: string; outcome: MigrationOutcome; reason?: { code: string; zh: string; en: string } }

const base = (processId: string) => `/api/processes/${encodeURIComponent(processId)}/migrations`;

/** 流程实例迁移: preview (nothing moves) and migrate a selection of running cases. */
export const migrationApi = {
  preview: (processId: string, body: PreviewBody) => api.post<Preview>(`${base(processId)}/preview`, body),
  migrate: (processId: string, body: MigrateBody) => api.post<{ results: MigrationResult[] }>(base(processId), body),
};

import { api, pdfUrl } from '../../api/client.ts';

export interface DraftSummary {
  _id: string; processId: string; name?: string; departmentCode?: string; authorId: string;
  author: { userId: string; username: string }; status: 'draft' | 'submitted' | 'rejected' | 'published';
  history: Array<{ action: string; by: { username: string }; at: string; comment?: string; version?: number }>; updatedAt: string;
}
export interface VersionSummary {
  processId: string; version: number; name?: string; deployedAt: string; author: { username: string };
  publishedBy?: { username: string }; comment?: string; rollbackOf?: number; changes?: { added: string[]; removed: string[]; changed: string[] };
}
export interface ProcessSummary { processId: string; name?: string; latestVersion: number; versions: VersionSummary[] }
export interface CheckResult { ok: boolean; problems: Array<{ field: string; message: string }>; warnings: Array<{ field: string; message: string }> }

/** The XML of a published version (the route answers application/xml, not JSON). */
export async function versionXml(processId: string, version: number): Promise<string> {
  const url = await pdfUrl(`/api/processes/${encodeURIComponent(processId)}/versions/${version}/xml`);
  try {
    return await (await fetch(url)).text();
  } finally {
    URL.revokeObjectURL(url);
  }
}

export const processApi = {
  processes: async () => (await api.get<{ items: ProcessSummary[] }>('/api/processes')).items,
  versions: async (processId: string) => (await api.get<{ items: VersionSummary[] }>(`/api/processes/${encodeURIComponent(processId)}/versions`)).items,
  drafts: async () => (await api.get<{ items: DraftSummary[] }>('/api/process-drafts')).items,
  draft: (id: string) => api.get<DraftSummary & { xml: string }>(`/api/process-drafts/${id}`),
  /** `simple`: the simple designer's node list, kept with the draft. */
  create: (xml: string, simple?: object) => api.post<DraftSummary>('/api/process-drafts', { xml, simple }),
  save: (id: string, xml: string, simple?: object) => api.put<DraftSummary>(`/api/process-drafts/${id}`, { xml, simple }),
  check: (xml: string) => api.post<CheckResult>('/api/processes/checks', { xml }),
  act: (id: string, action: 'submit' | 'reject' | 'publish', comment: string) =>
    api.post<{ status?: string; processes?: Array<{ version: number }> }>(`/api/process-drafts/${id}/${action}`, { comment }),
  rollback: (processId: string, version: number, comment: string) =>
    api.post<{ processes: Array<{ version: number }> }>(`/api/processes/${encodeURIComponent(processId)}/versions/${version}/rollback`, { comment }),
};

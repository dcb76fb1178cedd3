import type { Connection } from 'mongoose';
import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import type { DocumentService } from '../documents/index.ts';
import { caseNumberParams } from '../intake/schemas.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { issueApprovalRecord } from './approval-record.ts';
import { casePath } from './diagram.ts';
import { caseRecord, readableCase } from './record.ts';

export interface CasefileDeps {
  db: Connection;
  authority: Authority;
  documents: DocumentService;
}

/**
 * The case's approval record: its steps (for the task page's opinions and diagram), the path its
 * process took, and the 审批表 PDF. Each is as visible as the case: 404 for a case the user may not read.
 */
export function casefileRoutes(api: Api, deps: CasefileDeps): void {
  const load = async (req: Parameters<Authority['abilityOf']>[0], caseNumber: string) => readableCase(deps.db, await deps.authority.abilityOf(req), caseNumber);

  api.add({
    method: 'get', path: '/api/cases/:caseNumber/record', tag: 'casefile', access: 'user', ask: ['read', 'Case'],
    summary: 'Every step of a case: who held it, when, the outcome, the opinion, the delegation it was done under, attachments',
    params: caseNumberParams, query: queryObject({}),
    handler: async ({ req, params }) => {
      const found = await load(req, params.caseNumber);
      return { caseNumber: found.caseNumber, processId: found.processId, processVersion: found.processVersion, steps: await caseRecord(deps.db, found) };
    },
  });

  api.add({
    method: 'get', path: '/api/cases/:caseNumber/path', tag: 'casefile', access: 'user', ask: ['read', 'Case'],
    summary: 'The elements of its process the case has passed through or stands at, with their dates (for the diagram)',
    params: caseNumberParams, query: queryObject({}),
    handler: async ({ req, params }) => {
      const found = await load(req, params.caseNumber);
      return { caseNumber: found.caseNumber, processId: found.processId, processVersion: found.processVersion, elements: await casePath(deps.db, found.caseNumber) };
    },
  });

  api.add({
    method: 'post', path: '/api/cases/:caseNumber/approval-record', tag: 'casefile', access: 'user', ask: ['read', 'Case'],
    summary: '审批表: issue the sealed PDF of the whole approval record as it stands (the same record again returns the same document)',
    params: caseNumberParams, body: queryObject({}),
    handler: async ({ req, params }) => {
      const found = await load(req, params.caseNumber);
      return issueApprovalRecord(deps.db, deps.documents, found, await caseRecord(deps.db, found), principalOf(req).username);
    },
  });
}

import type { Connection } from 'mongoose';
import type { Api } from '../shared/http.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { Authority } from '../authz/index.ts';
import type { WorkflowEngine } from '../engine/port.ts';
import { processDraftModel } from './drafts/model.ts';
import { draftRoutes } from './drafts/routes.ts';
import { DraftService } from './drafts/service.ts';
import { processVersionModel } from './model.ts';
import { processRoutes } from './routes.ts';
import { ProcessService } from './service.ts';

export { USER_TASK_JOB_TYPE } from './job-types.ts';
export { processVersionModel, type ProcessVersion } from './model.ts';
export { ProcessService } from './service.ts';
export { processDraftModel, type ProcessDraft } from './drafts/model.ts';
export { validateBpmn } from './validate.ts';
export { supportedElementTypes } from './supported-elements.ts';
export { migrationFeature } from './migration/index.ts';

export interface ProcessesDeps {
  db: Connection;
  engine: Pick<WorkflowEngine, 'name' | 'deploy'>;
  /** Job types with a registered handler; the hall's job types until workers register theirs. */
  jobTypes: () => ReadonlySet<string>;
  maxXmlBytes?: number;
  /** Drafts and review are mounted when the app gives these (authz/ and the audit trail). */
  authority?: Authority;
  trail?: AuditTrail;
}

/** Mounts the process-publishing routes. */
export function processesFeature(api: Api, deps: ProcessesDeps): ProcessService {
  const service = new ProcessService({
    versions: processVersionModel(deps.db),
    engine: deps.engine,
    jobTypes: deps.jobTypes,
    maxXmlBytes: deps.maxXmlBytes,
  });
  processRoutes(api, service, { maxXmlBytes: deps.maxXmlBytes, authority: deps.authority });
  if (deps.authority && deps.trail) {
    const drafts = new DraftService({ drafts: processDraftModel(deps.db), processes: service, trail: deps.trail, maxXmlBytes: deps.maxXmlBytes });
    draftRoutes(api, { drafts, processes: service, authority: deps.authority });
  }
  return service;
}

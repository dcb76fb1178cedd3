import type { Api } from '../shared/http.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { pathRecorder } from './path.ts';
import { casefileRoutes, type CasefileDeps } from './routes.ts';
import { sealPreviewRoute, type SealPreviewDeps } from './seal-preview.ts';

export { caseRecord, readableCase, type RecordStep, type ActDelegation } from './record.ts';
export { casePath, type ElementVisit } from './diagram.ts';
export { pathEventModel } from './path.ts';

/** Mounts the case-record routes and the seal preview, and records the path of every case's process instance. */
export function casefileFeature(api: Api, deps: CasefileDeps & SealPreviewDeps & { engine: Pick<WorkflowEngine, 'onEvent'> }): void {
  deps.engine.onEvent(pathRecorder(deps.db));
  casefileRoutes(api, deps);
  sealPreviewRoute(api, deps);
}

import type { Connection } from 'mongoose';
import type { AuditTrail } from '../audit/trail.ts';
import type { Authority } from '../authz/index.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import type { Api } from '../shared/http.ts';
import { incidentRoutes } from './routes.ts';
import { incidentTimeline } from './timeline.ts';

/** Engine incidents: listed and resolved by the system admin, and written onto the case timeline. */
export function incidentsFeature(api: Api, deps: { db: Connection; engine: WorkflowEngine; authority: Authority; trail: AuditTrail }): void {
  incidentRoutes(api, deps);
  deps.engine.onEvent(incidentTimeline(deps.db));
}

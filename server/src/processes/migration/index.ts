import type { Connection } from 'mongoose';
import type { AuditTrail } from '../../audit/trail.ts';
import type { Authority } from '../../authz/index.ts';
import type { WorkflowEngine } from '../../engine/index.ts';
import type { Api } from '../../shared/http.ts';
import { migrationRoutes } from './routes.ts';
import { MigrationService } from './service.ts';

/** Mounts 流程实例迁移 (moving running cases to another process version; docs/processes.md). */
export function migrationFeature(api: Api, deps: { db: Connection; engine: WorkflowEngine; authority: Authority; trail: AuditTrail }): MigrationService {
  const service = new MigrationService({ db: deps.db, engine: deps.engine, trail: deps.trail });
  migrationRoutes(api, { service, authority: deps.authority });
  return service;
}

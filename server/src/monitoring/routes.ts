import { z } from 'zod';
import type { Authority } from '../authz/index.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { Connection } from 'mongoose';
import { stuckCases } from './stuck-cases.ts';

/** Cases that no list would show as waiting on anyone (monitoring of the running hall). */
export function monitoringRoutes(api: Api, deps: { db: Connection; engine: WorkflowEngine; authority: Authority }): void {
  api.add({
    method: 'get', path: '/api/monitoring/stuck-cases', tag: 'monitoring', access: 'user', ask: ['read', 'Incident'],
    summary: '停滞办件: accepted cases with no open task, no incident and no change for idleMinutes (default 10), or whose process ended without a decision',
    query: queryObject({ idleMinutes: z.coerce.number().int().min(0).max(100_000).default(10).describe('minutes without any change') }),
    handler: async ({ req, query }) => ({ items: await stuckCases(deps, await deps.authority.abilityOf(req), query.idleMinutes) }),
  });
}

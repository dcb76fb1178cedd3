import { z } from 'zod';
import { assertCan, type Authority } from '../authz/index.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { queryObject, type Api } from '../shared/http.ts';

const listQuery = queryObject({ processInstanceKey: z.string().regex(/^[0-9]{1,20}$/, 'an engine key').optional() });
const keyParams = z.strictObject({ key: z.string().regex(/^[0-9]{1,20}$/, 'an incident key') });
const resolveBody = z.strictObject({ retries: z.number().int().min(1).max(10).optional() });

/**
 * The engine's open incidents (a job out of retries, a FEEL result of the wrong type, a condition no
 * flow matches …) for the system admin, and their resolution after the cause is fixed. Both engines
 * answer through the port; each resolution is written to the audit trail.
 */
export function incidentRoutes(api: Api, deps: { engine: WorkflowEngine; authority: Authority; trail: AuditTrail }): void {
  api.add({
    method: 'get', path: '/api/incidents', tag: 'incidents', access: 'user', ask: ['read', 'Incident'],
    summary: 'Open incidents of the workflow engine (system admin), optionally of one process instance',
    query: listQuery,
    handler: async ({ req, query }) => {
      assertCan(await deps.authority.abilityOf(req), 'read', 'Incident');
      const items = await deps.engine.listIncidents(query.processInstanceKey ? { processInstanceKey: query.processInstanceKey } : {});
      return { items, total: items.length };
    },
  });

  api.add({
    method: 'post', path: '/api/incidents/:key/resolve', tag: 'incidents', access: 'user', ask: ['resolve', 'Incident'],
    summary: 'Resolves an incident once its cause is fixed; a job out of retries gets `retries` more tries (default 1)',
    params: keyParams, body: resolveBody,
    handler: async ({ req, params, body }) => {
      assertCan(await deps.authority.abilityOf(req), 'resolve', 'Incident');
      const principal = principalOf(req);
      await deps.engine.resolveIncident(params.key, body.retries ? { retries: body.retries } : {});
      await deps.trail.append({
        actor: { userId: principal.userId, username: principal.username }, action: 'incident.resolve',
        subject: { type: 'Incident', id: params.key }, data: { retries: body.retries ?? 1 },
      });
      return { key: params.key, resolved: true };
    },
  });
}

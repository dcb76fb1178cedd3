import { z } from 'zod';
import { principalOf } from '../../auth/index.ts';
import type { Authority } from '../../authz/index.ts';
import type { Api } from '../../shared/http.ts';
import type { MigrationService } from './service.ts';
import { migrateBody, previewBody } from './schemas.ts';

const params = z.strictObject({ processId: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, 'a BPMN process id') });

/**
 * 流程实例迁移: preview and move running cases to another version. Both ask `deploy` on Process first
 * (route guard), then the service asks it of this process (its department), as publishing does.
 */
export function migrationRoutes(api: Api, deps: { service: MigrationService; authority: Authority }): void {
  api.add({
    method: 'post', path: '/api/processes/:processId/migrations/preview', tag: 'processes', access: 'user', ask: ['deploy', 'Process'],
    summary: 'Checks moving the running cases of one version to another (mapping pre-filled by equal element ids): per case, whether it can move and why not; nothing moves',
    params, body: previewBody,
    handler: async ({ req, params: p, body }) => deps.service.preview(await deps.authority.abilityOf(req), p.processId, body),
  });

  api.add({
    method: 'post', path: '/api/processes/:processId/migrations', tag: 'processes', access: 'user', ask: ['deploy', 'Process'],
    summary: 'Moves the selected running cases to another version with an element mapping: 422 naming the elements when the mapping or any case fails the check (nothing moved); per case moved, already moved or refused by the engine',
    params, body: migrateBody,
    handler: async ({ req, params: p, body }) => deps.service.migrate(await deps.authority.abilityOf(req), principalOf(req), p.processId, body),
  });
}

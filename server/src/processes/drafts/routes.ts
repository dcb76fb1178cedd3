import { z } from 'zod';
import { principalOf } from '../../auth/index.ts';
import { assertCan, type Authority } from '../../authz/index.ts';
import { AppError } from '../../shared/errors.ts';
import { queryObject, type Api } from '../../shared/http.ts';
import type { ProcessService } from '../service.ts';
import type { DraftService } from './service.ts';

const idParams = z.strictObject({ id: z.string().uuid('a draft id') });
const comment = z.string().trim().min(2, 'a comment of at least 2 characters').max(2000).describe('why (required): shown in the version history');
const commentBody = z.strictObject({ comment });
const xml = z.string().min(1).describe('the BPMN 2.0 XML');
/** The simple designer's node list, kept so the draft opens back there (checked by the browser's schema, stored as given). */
const simple = z.record(z.string(), z.unknown()).optional();

/**
 * Drafts and their review (提交审核 / 审核发布 / 退回修改), the publishing checks without publishing
 * (the modeler's 校验), and rollback. Every route asks the CASL ability (authz/ability.ts).
 */
export function draftRoutes(api: Api, deps: { drafts: DraftService; processes: ProcessService; authority: Authority }): void {
  const ability = (req: Parameters<Authority['abilityOf']>[0]) => deps.authority.abilityOf(req);

  api.add({
    method: 'get', path: '/api/process-drafts', tag: 'processes', access: 'user', ask: ['read', 'Process'],
    summary: 'Process drafts the user may read (the own department\'s, or all for a hall-wide designer), newest first, without XML',
    query: queryObject({}),
    handler: async ({ req }) => ({ items: await deps.drafts.list(await ability(req)) }),
  });

  api.add({
    method: 'post', path: '/api/process-drafts', tag: 'processes', access: 'user', ask: ['create', 'Process'], status: 201,
    summary: 'Saves a new process draft (a department admin: ids `<department>-…` only)',
    body: z.strictObject({ xml, departmentCode: z.string().regex(/^[a-z][a-z0-9]{1,15}$/).optional(), simple }),
    handler: async ({ req, body }) => deps.drafts.create(await ability(req), principalOf(req), body),
  });

  api.add({
    method: 'get', path: '/api/process-drafts/:id', tag: 'processes', access: 'user', ask: ['read', 'Process'],
    summary: 'One draft with its XML and review history',
    params: idParams, query: queryObject({}),
    handler: async ({ req, params }) => deps.drafts.get(await ability(req), params.id),
  });

  api.add({
    method: 'put', path: '/api/process-drafts/:id', tag: 'processes', access: 'user', ask: ['update', 'Process'],
    summary: 'Saves a draft again (while it is a draft or sent back); the process id stays',
    params: idParams, body: z.strictObject({ xml, simple }),
    handler: async ({ req, params, body }) => deps.drafts.update(await ability(req), principalOf(req), params.id, body),
  });

  for (const [action, summary] of [
    ['submit', 'Submits a draft for review after the publishing checks and the dry run pass (comment required)'],
    ['reject', 'Sends a submitted draft back to its author (a reviewer; comment required)'],
    ['publish', 'Publishes a submitted draft as the next version (a reviewer who is not the author, or the system admin; comment required)'],
  ] as const) {
    api.add({
      method: 'post', path: `/api/process-drafts/:id/${action}`, tag: 'processes', access: 'user', ask: [action === 'submit' ? 'submit' : 'deploy', 'Process'], summary,
      params: idParams, body: commentBody,
      handler: async ({ req, params, body }) => deps.drafts[action](await ability(req), principalOf(req), params.id, body.comment),
    });
  }

  api.add({
    method: 'post', path: '/api/processes/:processId/versions/:version/rollback', tag: 'processes', access: 'user', ask: ['deploy', 'Process'], status: 201,
    summary: 'Publishes an old version again as the newest (rollback; comment required)',
    params: z.strictObject({ processId: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, 'a BPMN process id'), version: z.coerce.number().int().min(1).max(1_000_000) }),
    body: commentBody,
    handler: async ({ req, params, body }) => deps.drafts.rollback(await ability(req), principalOf(req), params.processId, params.version, body.comment),
  });

  api.add({
    method: 'post', path: '/api/processes/checks', tag: 'processes', access: 'user', ask: ['create', 'Process'],
    summary: 'Runs the publishing checks and the dry run on BPMN without publishing: 200 with every problem by element id (the modeler\'s 校验)',
    body: z.strictObject({ xml }),
    handler: async ({ req, body }) => {
      assertCan(await ability(req), 'create', 'Process');
      try {
        const { warnings } = await deps.processes.validate(body.xml);
        return { ok: true, problems: [], warnings };
      } catch (error) {
        if (error instanceof AppError && error.code === 'BPMN_INVALID') return { ok: false, problems: error.fields ?? [], warnings: [] };
        throw error;
      }
    },
  });
}

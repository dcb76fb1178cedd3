import { principalOf } from '../auth/index.ts';
import { recordRefusal } from '../authz/index.ts';
import type { Api } from '../shared/http.ts';
import { AppError } from '../shared/errors.ts';
import { bulkClaimBody, type BulkClaimResult } from '../tasks/index.ts';
import { claim } from './actions.ts';
import type { ApprovalDeps } from './context.ts';

/**
 * 批量签收: claims each task as `POST /api/tasks/:key/claim` would, one after another, and answers
 * each on its own (claimed, or the problem that refused it: another department's task is 404, one
 * someone else took is 409). A task already mine answers claimed again: repeating the request
 * changes nothing. A refused use of authority (403) is written to the audit trail like the single route's.
 */
export function bulkClaimRoute(api: Api, deps: ApprovalDeps): void {
  api.add({
    method: 'post', path: '/api/tasks/claim', tag: 'approval', access: 'user', ask: ['claim', 'Task'], body: bulkClaimBody,
    summary: '批量签收: claim several tasks of my groups; each task is answered on its own',
    handler: async ({ req, body }) => {
      const ability = await deps.authority.abilityOf(req);
      const principal = principalOf(req);
      const results: BulkClaimResult[] = [];
      for (const key of body.keys) {
        try {
          const task = await deps.board.load(ability, key);
          await claim(deps, ability, principal, task);
          await deps.board.sync(task.parentKey ?? task._id, task.kind === 'signature');
          results.push({ key, ok: true, status: 200 });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // a refused use of authority is audited as on the single claim route (authz/refusals.ts)
          if (error.status === 403) await recordRefusal(deps.trail, deps.logger, principal, error, { method: 'POST', path: `/api/tasks/${key}/claim` });
          results.push({ key, ok: false, status: error.status, code: error.code, message: { zh: error.zh, en: error.message } });
        }
      }
      return { claimed: results.filter((r) => r.ok).length, results };
    },
  });
}

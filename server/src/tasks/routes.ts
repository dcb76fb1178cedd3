import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { TaskBoard, TaskChangeFeed } from './board.ts';
import { listQuery, taskKeyParams } from './schemas.ts';
import { TaskStream } from './stream.ts';

/**
 * The task board's read routes: lists, counts per list, the live stream, one task with its form and
 * history. `feed` serves the stream (default: the board's own index, the `single` topology).
 */
export function taskRoutes(api: Api, deps: { board: TaskBoard; authority: Authority; feed?: TaskChangeFeed }): { stream?: TaskStream } {
  const { board, authority } = deps;
  // Writes first (tasks/writes-first.ts): every write under /api/tasks (claim, approve… of the approval feature) is marked.
  api.router.use('/api/tasks', board.writesFirst.mark);
  // The same ability every route asks (roles, departments and the delegations active now), built
  // once per request by the authority: one construction, so a rule added there holds here too.
  const readAbility = (req: Parameters<Authority['abilityOf']>[0]) => authority.abilityOf(req);

  api.add({
    method: 'get', path: '/api/tasks', tag: 'tasks', access: 'user', ask: ['read', 'Task'],
    summary: 'Tasks on the board (mine, my groups, due soon, overdue, done by me, copied to me; by matter, department, stage, applicant or case), filtered by authority',
    query: listQuery,
    handler: async ({ req, query }) => board.list(await readAbility(req), principalOf(req), query),
  });

  api.add({
    method: 'get', path: '/api/tasks/counts', tag: 'tasks', access: 'user', ask: ['read', 'Task'],
    summary: 'How many tasks each list holds for the signed-in user', query: queryObject({}),
    handler: async ({ req }) => board.counts(await readAbility(req), principalOf(req)),
  });

  const feed = deps.feed ?? board.changes;
  const stream = feed ? new TaskStream({ feed, counts: (ability, principal) => board.counts(ability, principal) }) : undefined;
  if (stream) {
    api.add({
      method: 'get', path: '/api/tasks/stream', tag: 'tasks', access: 'user', ask: ['read', 'Task'], produces: 'text/event-stream',
      summary: 'Server-sent events for the signed-in user: `counts` (every list) on connect and after changes, `task` (key and added/updated/removed) for each task they may read; ends at the token\'s expiry',
      query: queryObject({}),
      handler: async ({ req, res }) => {
        const principal = principalOf(req);
        // the token was verified by `authenticate`, which requires its expiry
        stream.open(req, res, principal, await readAbility(req), principal.expiresAt ?? 0);
      },
    });
  }

  api.add({
    method: 'get', path: '/api/tasks/:key', tag: 'tasks', access: 'user', ask: ['read', 'Task'],
    summary: 'One task with its form data, signatures, copies, urges and history', params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => board.detail(await authority.abilityOf(req), params.key),
  });
  return { stream };
}

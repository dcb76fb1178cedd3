import { decodeJwt } from 'jose';
import { principalOf } from '../auth/index.ts';
import { defineAbilityFor, type Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { TaskBoard, TaskChangeFeed } from './board.ts';
import { listQuery, taskKeyParams } from './schemas.ts';
import { TaskStream } from './stream.ts';

/** The access token's expiry (ms); the token was verified by `authenticate` before this runs. */
const tokenExpiry = (authorization: string | undefined) => (decodeJwt((authorization ?? '').replace(/^Bearer /, '')).exp ?? 0) * 1000;

/**
 * The task board's read routes: lists, counts per list, the live stream, one task with its form and
 * history. `feed` serves the stream (default: the board's own index, the `single` topology).
 */
export function taskRoutes(api: Api, deps: { board: TaskBoard; authority: Authority; feed?: TaskChangeFeed }): { stream?: TaskStream } {
  const { board, authority } = deps;
  // Writes first (tasks/writes-first.ts): every write under /api/tasks (claim, approve… of the approval feature) is marked.
  api.router.use('/api/tasks', board.writesFirst.mark);
  // Lists need only `read` on Task, and no delegation grants `read` (delegated powers are decide,
  // coordinate, reviewAndReport, useSeal — ability.ts; tested in lists.test.ts): the ability from
  // the token's roles and departments is the same, without a database round trip per list.
  const readAbility = (req: Parameters<Authority['abilityOf']>[0]) => defineAbilityFor(principalOf(req), [], board.clock());

  api.add({
    method: 'get', path: '/api/tasks', tag: 'tasks', access: 'user',
    summary: 'Tasks on the board (mine, my groups, due soon, overdue, done by me, copied to me; by matter, department, stage, applicant or case), filtered by authority',
    query: listQuery,
    handler: ({ req, query }) => board.list(readAbility(req), principalOf(req), query),
  });

  api.add({
    method: 'get', path: '/api/tasks/counts', tag: 'tasks', access: 'user',
    summary: 'How many tasks each list holds for the signed-in user', query: queryObject({}),
    handler: ({ req }) => board.counts(readAbility(req), principalOf(req)),
  });

  const feed = deps.feed ?? board.changes;
  const stream = feed ? new TaskStream({ feed, counts: (ability, principal) => board.counts(ability, principal) }) : undefined;
  if (stream) {
    api.add({
      method: 'get', path: '/api/tasks/stream', tag: 'tasks', access: 'user', produces: 'text/event-stream',
      summary: 'Server-sent events for the signed-in user: `counts` (every list) on connect and after changes, `task` (key and added/updated/removed) for each task they may read; ends at the token\'s expiry',
      query: queryObject({}),
      handler: ({ req, res }) => {
        const principal = principalOf(req);
        stream.open(req, res, principal, readAbility(req), tokenExpiry(req.get('authorization')));
      },
    });
  }

  api.add({
    method: 'get', path: '/api/tasks/:key', tag: 'tasks', access: 'user',
    summary: 'One task with its form data, signatures, copies, urges and history', params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => board.detail(await authority.abilityOf(req), params.key),
  });
  return { stream };
}

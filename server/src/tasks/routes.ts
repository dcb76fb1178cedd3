import { principalOf } from '../auth/index.ts';
import { defineAbilityFor, type Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { TaskBoard } from './board.ts';
import { listQuery, taskKeyParams } from './schemas.ts';

/** The task board's read routes: lists, counts per list, one task with its form and history. */
export function taskRoutes(api: Api, deps: { board: TaskBoard; authority: Authority }): void {
  const { board, authority } = deps;
  // Lists need only `read` on Task, and no delegation grants `read` (delegated powers are decide,
  // coordinate, reviewAndReport, useSeal — ability.ts; tested in lists.test.ts): the ability from
  // the token's roles and departments is the same, without a database round trip per list.
  const readAbility = (req: Parameters<Authority['abilityOf']>[0]) => defineAbilityFor(principalOf(req), [], board.clock());

  api.add({
    method: 'get', path: '/api/tasks', tag: 'tasks', access: 'user',
    summary: 'Tasks on the board (mine, my groups, due soon, overdue, copied to me; by matter or department), filtered by authority',
    query: listQuery,
    handler: ({ req, query }) => board.list(readAbility(req), principalOf(req), query),
  });

  api.add({
    method: 'get', path: '/api/tasks/counts', tag: 'tasks', access: 'user',
    summary: 'How many tasks each list holds for the signed-in user', query: queryObject({}),
    handler: ({ req }) => board.counts(readAbility(req), principalOf(req)),
  });

  api.add({
    method: 'get', path: '/api/tasks/:key', tag: 'tasks', access: 'user',
    summary: 'One task with its form data, signatures, copies, urges and history', params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => board.detail(await authority.abilityOf(req), params.key),
  });
}

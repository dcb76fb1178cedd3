import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { TaskBoard } from './board.ts';
import { listQuery, taskKeyParams } from './schemas.ts';

/** The task board's read routes: lists, counts per list, one task with its form and history. */
export function taskRoutes(api: Api, deps: { board: TaskBoard; authority: Authority }): void {
  const { board, authority } = deps;

  api.add({
    method: 'get', path: '/api/tasks', tag: 'tasks', access: 'user',
    summary: 'Tasks on the board (mine, my groups, due soon, overdue, copied to me; by matter or department), filtered by authority',
    query: listQuery,
    handler: async ({ req, query }) => board.list(await authority.abilityOf(req), principalOf(req), query),
  });

  api.add({
    method: 'get', path: '/api/tasks/counts', tag: 'tasks', access: 'user',
    summary: 'How many tasks each list holds for the signed-in user', query: queryObject({}),
    handler: async ({ req }) => board.counts(await authority.abilityOf(req), principalOf(req)),
  });

  api.add({
    method: 'get', path: '/api/tasks/:key', tag: 'tasks', access: 'user',
    summary: 'One task with its form data, signatures, copies, urges and history', params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => board.detail(await authority.abilityOf(req), params.key),
  });
}

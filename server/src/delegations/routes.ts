import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import type { Api } from '../shared/http.ts';
import { queryObject } from '../shared/http.ts';
import { z } from 'zod';
import { grantBody, listQuery, objectId, revokeBody } from './schemas.ts';
import type { DelegationService } from './service.ts';

/** 授权 routes: list (what the ability lets the user read), grant, revoke. */
export function delegationRoutes(api: Api, deps: { delegations: DelegationService; authority: Authority }): void {
  const { delegations, authority } = deps;
  const idParams = z.strictObject({ id: objectId });

  api.add({
    method: 'get', path: '/api/delegations', tag: 'delegations', access: 'user', ask: ['read', 'Delegation'],
    summary: 'Delegations the user may read: admins their department\'s, approvers their own, the director all',
    query: listQuery,
    handler: async ({ req, query }) => delegations.list(await authority.abilityOf(req), query),
  });

  api.add({
    method: 'get', path: '/api/delegations/:id', tag: 'delegations', access: 'user', ask: ['read', 'Delegation'],
    summary: 'One delegation', params: idParams, query: queryObject({}),
    handler: async ({ req, params }) => delegations.view(await delegations.get(await authority.abilityOf(req), params.id)),
  });

  api.add({
    method: 'post', path: '/api/delegations', tag: 'delegations', access: 'user', ask: ['grant', 'Delegation'], status: 201,
    summary: 'Grant powers (decide, coordinate, reviewAndReport, useSeal) to an approver of the department; audited',
    body: grantBody,
    handler: async ({ req, body }) => delegations.grant(principalOf(req), await authority.abilityOf(req), body),
  });

  api.add({
    method: 'post', path: '/api/delegations/:id/revoke', tag: 'delegations', access: 'user', ask: ['revoke', 'Delegation'],
    summary: 'Revoke a delegation at once; audited', params: idParams, body: revokeBody,
    handler: async ({ req, params, body }) => delegations.revoke(principalOf(req), await authority.abilityOf(req), params.id, body.reason),
  });
}

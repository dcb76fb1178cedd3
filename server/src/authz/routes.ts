import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import type { Api } from '../shared/http.ts';
import { queryObject } from '../shared/http.ts';
import type { Authority } from './authority.ts';
import type { AppAbility } from './vocabulary.ts';

/** Serves the signed-in user's packed CASL rules, so the browser shows only what it may do. */
export function authzRoutes(api: Api, deps: { authority: Authority }): void {
  api.add({
    method: 'get', path: '/api/auth/abilities', tag: 'auth', access: 'user',
    summary: 'The signed-in user\'s CASL rules, packed (@casl/ability/extra unpackRules), as of now',
    query: queryObject({}),
    handler: async ({ req, res }) => {
      const ability = await deps.authority.abilityOf(req);
      // Rules change with delegations and their dates: never cached by the browser or a proxy.
      res.set('cache-control', 'no-store');
      return { rules: packRules(ability.rules) };
    },
  });
}

/** The ability the browser rebuilds from `GET /api/auth/abilities` (its `rules`), for server code and tests that check what the browser sees. */
export function abilityFromPackedRules(packed: PackRule<RawRuleOf<AppAbility>>[]): AppAbility {
  return createMongoAbility<AppAbility>(unpackRules<RawRuleOf<AppAbility>>(packed));
}

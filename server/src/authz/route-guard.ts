import type { Request } from 'express';
import type { Ask, RouteGuard } from '../shared/http.ts';
import type { Authority } from './authority.ts';
import { assertCan } from './enforce.ts';

/**
 * The guard every signed-in route passes before it reads its input: the route's `ask` put to the
 * user's ability (built once per request, with delegations). A user who may do none of the asked
 * things to any record of the kind gets 403 FORBIDDEN (audited as a refused use of authority) — the
 * same answer whatever the record, so it discloses nothing. Record-level checks follow in the handler.
 */
export function routeGuard(authority: Pick<Authority, 'abilityOf'>): RouteGuard {
  return async (req: Request, asks: readonly Ask[]) => {
    const ability = await authority.abilityOf(req);
    if (asks.some(([action, subject]) => ability.can(action, subject))) return;
    assertCan(ability, asks[0][0], asks[0][1]);
  };
}

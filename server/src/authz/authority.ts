import type { Request } from 'express';
import { principalOf, type Principal } from '../shared/principal.ts';
import { defineAbilityFor } from './ability.ts';
import type { ActiveDelegation, AppAbility, ClerkWindow } from './vocabulary.ts';

export interface AuthorityDeps {
  /** Delegations granted to the user that are not revoked and whose validity contains `now`. */
  delegationsOf(userId: string, now: Date): Promise<ActiveDelegation[]>;
  /** A principal for a user id (workers acting for a user); undefined when unknown or inactive. */
  principalOf(userId: string): Promise<Principal | undefined>;
  /** The window of that number (catalog), for a window clerk's ability: which matters they receive. */
  windowOf?(number: string): Promise<ClerkWindow | null | undefined>;
  clock?: () => Date;
}

export interface Authority {
  /** The ability of the signed-in user of this request, built once per request. Throws 401 when signed out. */
  abilityOf(req: Request): Promise<AppAbility>;
  /** The ability of a principal at a time (workers, tests). */
  abilityFor(principal: Principal, now?: Date): Promise<AppAbility>;
  /** The ability of a user by id, for workers acting on a user's behalf; an empty ability when unknown. */
  abilityForUser(userId: string, now?: Date): Promise<AppAbility>;
}

const cache = new WeakMap<Request, Promise<AppAbility>>();

/** Builds abilities from the principal and the delegations active now (DESIGN.md "Authority"). */
export function authority(deps: AuthorityDeps): Authority {
  const clock = deps.clock ?? (() => new Date());
  const abilityFor = async (principal: Principal, now = clock()) => {
    const delegations = principal.roles.includes('approver') ? await deps.delegationsOf(principal.userId, now) : [];
    const window = principal.roles.includes('windowClerk') && principal.windowNumber ? await deps.windowOf?.(principal.windowNumber) : undefined;
    return defineAbilityFor(principal, delegations, now, { window: window ?? undefined });
  };
  return {
    abilityFor,
    abilityOf(req) {
      const principal = principalOf(req);
      let ability = cache.get(req);
      if (!ability) {
        ability = abilityFor(principal);
        cache.set(req, ability);
      }
      return ability;
    },
    async abilityForUser(userId, now = clock()) {
      const principal = await deps.principalOf(userId);
      return abilityFor(principal ?? { userId, username: '', roles: [] }, now);
    },
  };
}

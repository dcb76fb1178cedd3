import type { Principal } from '../auth/index.ts';
import { assertCan, subjectOf, type AppAbility } from '../authz/index.ts';
import type { Filter } from './rollups.ts';

/**
 * Who reads which figures (authz/ability.ts): the director every department's; a department head
 * (departmentAdmin) only their own — their reports are narrowed to it, and asking for another
 * department is refused with 403. Throws 403 for everyone else.
 */
export function scopedFilter<F extends Filter>(ability: AppAbility, principal: Principal, filter: F): F {
  const everything = ability.rulesFor('read', 'Report').some((rule) => !rule.inverted && !rule.conditions);
  if (everything) return filter;
  const departmentCode = filter.departmentCode ?? principal.departmentCode ?? '';
  assertCan(ability, 'read', subjectOf('Report', { departmentCode }));
  return { ...filter, departmentCode };
}

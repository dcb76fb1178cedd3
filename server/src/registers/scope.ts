import type { Request } from 'express';
import { accessibleFilter, assertCan, subjectOf, type Authority } from '../authz/index.ts';

/**
 * The rows of a register the user may read, as a filter: the director and the system admin read
 * every department's, a department admin their own (ability.ts, subject `Register`). Asking for
 * another department by name is a refused use (403, audited); anyone else is refused outright.
 */
export async function registerScope(authority: Authority, req: Request, departmentCode: string | undefined, own: Record<string, unknown>): Promise<Record<string, unknown>> {
  const ability = await authority.abilityOf(req);
  assertCan(ability, 'read', 'Register');
  if (departmentCode) assertCan(ability, 'read', subjectOf('Register', { departmentCode }));
  return { $and: [accessibleFilter(ability, 'read', 'Register'), departmentCode ? { ...own, departmentCode } : own] };
}

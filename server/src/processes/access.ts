import type { Principal } from '../auth/index.ts';
import { problem } from '../shared/errors.ts';
import { processOutOfScope } from './problems.ts';

/**
 * Who may publish a process. Until the CASL abilities arrive with the task board, the rule lives in
 * this one place: only process designers publish; a designer who belongs to a department publishes
 * only that department's processes (ids `<department>-…`); a hall-wide designer publishes any.
 * Throws FORBIDDEN (403) or PROCESS_OUT_OF_SCOPE (403, naming the process id).
 */
export function assertMayPublish(principal: Principal, processIds: string[] = []): void {
  if (!principal.roles.includes('processDesigner')) {
    throw problem('FORBIDDEN', { params: { reason: 'publishProcesses' } });
  }
  const department = principal.departmentCode;
  if (!department) return;
  const outside = processIds.find((id) => !id.startsWith(`${department}-`));
  if (outside) throw processOutOfScope(outside, department);
}

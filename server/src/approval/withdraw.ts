import type { Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import { problem } from '../shared/errors.ts';
import { taskSubject, type TaskDoc } from '../tasks/index.ts';
import { completeTask } from './complete.ts';
import type { ApprovalDeps } from './context.ts';

/**
 * 撤回: the approver who completed a step takes the case back while the step after it is untouched
 * (nobody has claimed it, written an opinion or acted on it) — the case was sent on too soon. The
 * engine offers no "undo", so the case goes back the way the designer modelled returns: the next
 * step is completed as a return (`reviewOutcome: returnTo`) to the withdrawn step, which must be one
 * of its return targets; the step then opens again for the department, as after a 退回. Both
 * tasks' histories, the case timeline and the audit trail name the withdrawal and who made it.
 */
export async function withdraw(deps: ApprovalDeps, ability: AppAbility, principal: Principal, done: TaskDoc, body: { opinion: string }) {
  if (done.kind !== 'engine' || done.state !== 'completed' || !done.step) {
    throw problem('TASK_NOT_WITHDRAWABLE');
  }
  if (done.completedBy !== principal.username) {
    throw problem('NOT_YOUR_STEP');
  }
  assertCan(ability, 'handle', taskSubject(done));
  const open = await deps.board.tasks.find({ processInstanceKey: done.processInstanceKey, kind: 'engine', state: 'open' }).lean<TaskDoc[]>();
  const next = open.filter((t) => !done.closedAt || t.createdAt >= done.closedAt);
  if (next.length !== 1 || open.length !== 1) {
    throw problem('WITHDRAW_NEXT_NOT_SINGLE');
  }
  const after = next[0]!;
  if (after.assignee !== null || after.history.length > 0 || after.opinionDraft) {
    throw problem('WITHDRAW_NEXT_STARTED', { params: { step: after.name } });
  }
  if (!after.returnTargets.includes(done.step)) {
    throw problem('WITHDRAW_NOT_MODELLED', { params: { step: after.name } });
  }
  const opinion = body.opinion ? `撤回：${body.opinion}` : '撤回';
  const result = await completeTask(deps, principal, after, 'withdrawn',
    { reviewOutcome: 'returnTo', returnTo: done.step, opinion }, { withdrawnStep: done.step, withdrawnTask: done._id, opinion: body.opinion });
  await deps.board.sync(after._id);
  return { ...result, withdrawnFrom: after._id };
}

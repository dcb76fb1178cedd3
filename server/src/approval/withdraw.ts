import type { Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import { AppError, conflict } from '../shared/errors.ts';
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
    throw conflict('TASK_NOT_WITHDRAWABLE', 'Only a completed step can be withdrawn', '只有已办结的环节可以撤回');
  }
  if (done.completedBy !== principal.username) {
    throw new AppError({ status: 403, code: 'NOT_YOUR_STEP', zh: '只能撤回本人办理的环节', en: 'Only the approver who completed the step may withdraw it' });
  }
  assertCan(ability, 'handle', taskSubject(done));
  const open = await deps.board.tasks.find({ processInstanceKey: done.processInstanceKey, kind: 'engine', state: 'open' }).lean<TaskDoc[]>();
  const next = open.filter((t) => !done.closedAt || t.createdAt >= done.closedAt);
  if (next.length !== 1 || open.length !== 1) {
    throw conflict('WITHDRAW_NEXT_NOT_SINGLE', 'The case has moved on to more than one step; it cannot be withdrawn', '办件已流转到多个环节，不能撤回');
  }
  const after = next[0]!;
  if (after.assignee !== null || after.history.length > 0 || after.opinionDraft) {
    throw conflict('WITHDRAW_NEXT_STARTED', `The next step (${after.name}) has already been claimed or worked on`, `下一环节（${after.name}）已签收或已办理，不能撤回`);
  }
  if (!after.returnTargets.includes(done.step)) {
    throw new AppError({
      status: 422, code: 'WITHDRAW_NOT_MODELLED', zh: `流程未设计从“${after.name}”退回到本环节，不能撤回`, en: `The process does not model a return from ${after.name} to this step`,
    });
  }
  const opinion = body.opinion ? `撤回：${body.opinion}` : '撤回';
  const result = await completeTask(deps, principal, after, 'withdrawn',
    { reviewOutcome: 'returnTo', returnTo: done.step, opinion }, { withdrawnStep: done.step, withdrawnTask: done._id, opinion: body.opinion });
  await deps.board.sync(after._id);
  return { ...result, withdrawnFrom: after._id };
}

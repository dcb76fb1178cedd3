import type { Principal } from '../auth/index.ts';
import { assertCan, type ActiveDelegation, type AppAbility, type DelegatedPower } from '../authz/index.ts';
import { caseLedger } from '../intake/index.ts';
import { problem, validationFailed, type AppError } from '../shared/errors.ts';
import { taskSubject, type TaskDoc } from '../tasks/index.ts';
import { assertSignaturesAllow, completeTask } from './complete.ts';
import { assertHolder, assertOpen, type ApprovalDeps } from './context.ts';
import { decisionModel } from './models.ts';
import type { ApproveBody, CorrectionBody, RejectBody } from './schemas.ts';
import { signAsSigner } from './signers.ts';

const powers: readonly string[] = ['decide', 'coordinate', 'reviewAndReport', 'useSeal'];

/** The completion variable a step's outcome goes into (workflows/README.md). */
const outcomeVariable = (task: TaskDoc) => (task.step === 'unitReview' ? 'unitOutcome' : 'reviewOutcome');
const isDecisionStep = (task: TaskDoc) => task.authority === 'decide' || task.step === 'decide';

/** The holder may act, and holds the power the step's header names (授权: 审核上报、审批决定…). */
function assertMayHandle(ability: AppAbility, principal: Principal, task: TaskDoc): void {
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  if (task.delegated) throw problem('TASK_DELEGATED');
  // a decision step's powers are asked by assertMayDecide, with their own codes
  if (task.authority && task.authority !== 'decide' && powers.includes(task.authority) && !ability.can(task.authority as DelegatedPower, taskSubject(task))) {
    throw problem('POWER_REQUIRED', { params: { authority: task.authority } });
  }
}

/**
 * A decision (准予 or 不予行政许可) needs the decision power for the matter, and — because the decision
 * document carries the 行政审批专用章 — the seal-use power; both from delegations in force now. The
 * one rule for the decision and for its preview on the task page (casefile/seal-preview.ts):
 * the delegation whose seal-use power covers the matter, or the refusal to answer.
 */
export function sealAuthority(ability: AppAbility, task: TaskDoc, delegations: ActiveDelegation[]): { delegation: ActiveDelegation } | { refusal: AppError } {
  const subject = taskSubject(task);
  if (!ability.can('decide', subject)) return { refusal: problem('DECISION_POWER_REQUIRED') };
  const delegation = ability.can('useSeal', subject) ? delegations.find((d) => d.powers.includes('useSeal')
    && d.departmentCode === task.departmentCode && (d.allMatters || d.matterCodes.includes(task.matterCode ?? ''))) : undefined;
  if (!delegation) return { refusal: problem('SEAL_NOT_AUTHORISED') };
  return { delegation };
}

/** Throws the refusal of `sealAuthority`; returns the id of the delegation whose seal power is used. */
async function assertMayDecide(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc): Promise<string> {
  const now = (deps.clock ?? (() => new Date()))();
  // without the decision power the delegations need not be read: the refusal does not depend on them
  const delegations = ability.can('decide', taskSubject(task)) ? await deps.delegationsOf(principal.userId, now) : [];
  const judged = sealAuthority(ability, task, delegations);
  if ('refusal' in judged) throw judged.refusal;
  return judged.delegation.id;
}

async function storeDecision(deps: ApprovalDeps, principal: Principal, task: TaskDoc, kind: 'grant' | 'refuse', data: Record<string, unknown>, opinion: string | undefined, delegationId: string): Promise<string> {
  if (!task.caseNumber || !(await caseLedger(deps.db).exists(task.caseNumber))) {
    throw problem('TASK_CASE_MISSING');
  }
  const id = `d-${task._id}`;
  const now = (deps.clock ?? (() => new Date()))();
  await decisionModel(deps.db).updateOne({ _id: id, documentId: null }, {
    $set: {
      taskKey: task._id, caseNumber: task.caseNumber, departmentCode: task.departmentCode, matterCode: task.matterCode, kind, data, opinion,
      decidedBy: { userId: principal.userId, username: principal.username }, decidedAt: now, sealDelegationId: delegationId,
    },
  }, { upsert: true });
  return id;
}

/** 同意 / 准予: on a decision step with the decision's content; elsewhere the step's approval. */
export async function approve(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, body: ApproveBody) {
  if (task.kind === 'signature') return signAsSigner(deps, ability, principal, task, 'agree', body.opinion);
  assertOpen(task);
  assertMayHandle(ability, principal, task);
  await assertSignaturesAllow(deps, task);
  if (isDecisionStep(task)) {
    if (!body.decision) throw validationFailed([{ field: 'body.decision', message: 'required on a decision step' }]);
    const delegationId = await assertMayDecide(deps, ability, principal, task);
    const decisionId = await storeDecision(deps, principal, task, 'grant', body.decision, body.opinion, delegationId);
    return completeTask(deps, principal, task, 'approved', { decision: 'grant', decisionId, opinion: body.opinion ?? '' }, { decision: 'grant', decisionId, opinion: body.opinion });
  }
  const variables = { [outcomeVariable(task)]: task.step === 'unitReview' ? 'pass' : 'approve', opinion: body.opinion ?? '' };
  return completeTask(deps, principal, task, 'approved', variables, { opinion: body.opinion });
}

/** 不予许可 (reasons and remedies, 行政许可法第三十八条第二款), or a signer's disagreement. */
export async function reject(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, body: RejectBody) {
  if (task.kind === 'signature') return signAsSigner(deps, ability, principal, task, 'disagree', body.opinion);
  assertOpen(task);
  assertMayHandle(ability, principal, task);
  if (!body.reasons) throw validationFailed([{ field: 'body.reasons', message: 'required: the reasons for refusing the licence' }]);
  const delegationId = await assertMayDecide(deps, ability, principal, task);
  const data = { reasons: body.reasons, legalBasis: body.legalBasis, remedies: body.remedies };
  const decisionId = await storeDecision(deps, principal, task, 'refuse', data, body.opinion, delegationId);
  const variables: Record<string, unknown> = { decision: 'refuse', decisionId, opinion: body.opinion, refusalReasons: body.reasons };
  if (!isDecisionStep(task)) variables[outcomeVariable(task)] = 'reject';
  return completeTask(deps, principal, task, 'rejected', variables, { decisionId, opinion: body.opinion, reasons: body.reasons });
}

/** 退回补正: the clock stops until the materials come back (the process waits outside its timed part). */
export async function returnForCorrection(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, body: CorrectionBody) {
  if (task.kind === 'signature') throw notForSignature();
  assertOpen(task);
  assertMayHandle(ability, principal, task);
  const variables = { [outcomeVariable(task)]: task.step === 'unitReview' ? 'return' : 'returnForCorrection', opinion: body.opinion, correctionItems: body.items };
  return completeTask(deps, principal, task, 'returnedForCorrection', variables, { opinion: body.opinion, items: body.items, clock: 'paused' });
}

/**
 * 退回 to an earlier step. The engine port moves no tokens, so the process models the way back: the
 * step lists the steps it may return to (header `returnTargets`) and a gateway after it routes on
 * `reviewOutcome = "returnTo"` and `returnTo`. Throws 422 RETURN_NOT_MODELLED otherwise.
 */
export async function returnTo(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, body: { step: string; opinion: string }) {
  if (task.kind === 'signature') throw notForSignature();
  assertOpen(task);
  assertMayHandle(ability, principal, task);
  if (!task.returnTargets.includes(body.step)) {
    throw problem('RETURN_NOT_MODELLED', {
      params: { step: body.step },
      fields: [{ field: 'body.step', message: `one of: ${task.returnTargets.join(', ') || '(none modelled)'}` }],
    });
  }
  return completeTask(deps, principal, task, 'returned', { reviewOutcome: 'returnTo', returnTo: body.step, opinion: body.opinion }, { returnTo: body.step, opinion: body.opinion });
}

const notForSignature = () => problem('NOT_FOR_SIGNATURE');

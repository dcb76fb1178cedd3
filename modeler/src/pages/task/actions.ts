import type { Action } from '@server/authz/vocabulary.ts';
import { ability, subject } from '../../auth/ability.ts';
import type { SealPreview, TaskDetail } from './task-api.ts';

export type TaskAction = 'claim' | 'unclaim' | 'approve' | 'reject' | 'return' | 'correction' | 'transfer' | 'delegate' | 'resolve' | 'signers' | 'removeSigner' | 'urge' | 'cc' | 'withdraw';

/** The server route of each action (POST /api/tasks/:key/<route>). */
export const actionRoutes: Record<TaskAction, string> = {
  claim: 'claim', unclaim: 'unclaim', approve: 'approve', reject: 'reject', return: 'return', correction: 'return-for-correction',
  transfer: 'transfer', delegate: 'delegate', resolve: 'resolve', signers: 'signers', removeSigner: 'remove-signer', urge: 'urge', cc: 'cc', withdraw: 'withdraw',
};

/**
 * The steps whose process models a correction (补正) path after them (workflows/README.md: review's
 * `returnForCorrection`, a unit's `return`); elsewhere the outcome would fall to a gateway's default.
 */
const correctionSteps = ['review', 'unitReview', 'parallelReview'];

export const isDecisionStep = (task: TaskDetail) => task.authority === 'decide' || task.step === 'decide';

/**
 * The actions this user may take on the task now, asked of the same CASL rules the server enforces
 * (approval/actions.ts, decide.ts) plus the task's headers: the holder, the step's power
 * (`authority`), the modelled return targets, the seal for a decision. The server still checks each.
 */
export function allowedActions(task: TaskDetail, me: string | undefined, seal?: SealPreview): TaskAction[] {
  const subj = subject('Task', { departmentCode: task.departmentCode, matterCode: task.matterCode, candidateGroups: task.candidateGroups, assignee: task.assignee });
  const can = (action: Action) => ability.can(action as never, subj as never);
  // 撤回: offered on a step one completed oneself; the server tells whether the next step is still untouched
  if (task.state === 'completed') return task.kind === 'engine' && task.completedBy === me && me !== undefined && can('handle') ? ['withdraw'] : [];
  if (task.state !== 'open') return [];
  const holder = task.assignee !== null && task.assignee === me;
  const handles = holder && can('handle');
  const signature = task.kind === 'signature';
  const decision = isDecisionStep(task);
  const stepPower = !task.authority || task.authority === 'decide' || can(task.authority as Action);
  const mayDecide = can('decide') && can('useSeal') && (seal ? seal.allowed : true);
  const out: TaskAction[] = [];
  if (!task.assignee && can('claim')) out.push('claim');
  if (holder && !task.delegated && !signature && can('claim')) out.push('unclaim');
  if (handles && task.delegated) out.push('resolve');
  if (handles && !task.delegated) {
    if (signature || (stepPower && (!decision || mayDecide))) out.push('approve');
    if (signature || mayDecide) out.push('reject');
    if (!signature && stepPower && task.returnTargets.length) out.push('return');
    if (!signature && stepPower && !decision && correctionSteps.includes(task.step)) out.push('correction');
    if (!signature) out.push('transfer', 'delegate', 'signers');
    if (!signature && task.signatures.some((s) => s.state === 'open')) out.push('removeSigner');
  }
  if (can('handle')) out.push('cc');
  if (can('supervise') || can('coordinate')) out.push('urge');
  return out;
}

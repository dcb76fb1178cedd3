import type { Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import { problem } from '../shared/errors.ts';
import { taskSubject, type TaskDoc } from '../tasks/index.ts';
import { assertHolder, assertOpen, record, taskChanged, type ApprovalDeps } from './context.ts';
import { usersWhoMay } from './signers.ts';

/** 签收: takes an unclaimed task of one's groups. 409 TASK_ALREADY_CLAIMED when someone was faster. */
export async function claim(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc) {
  assertOpen(task);
  assertCan(ability, 'claim', taskSubject(task));
  if (task.assignee === principal.username) return { assignee: principal.username };
  const done = await deps.board.tasks.updateOne({ _id: task._id, state: 'open', assignee: null }, { $set: { assignee: principal.username }, $inc: { rev: 1 } });
  if (done.modifiedCount !== 1) throw problem('TASK_ALREADY_CLAIMED');
  await record(deps, principal, task, 'claimed');
  return { assignee: principal.username };
}

/** 退回签收: puts one's task back into the group's pool (not while delegated). */
export async function unclaim(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc) {
  assertOpen(task);
  assertCan(ability, 'claim', taskSubject(task));
  assertHolder(task, principal);
  if (task.delegated || task.kind === 'signature') throw problem('TASK_NOT_RELEASABLE');
  await guarded(deps, task, { $set: { assignee: null } });
  await record(deps, principal, task, 'unclaimed');
  return { assignee: null };
}

/** 转办: hands the task to another approver who may handle it; they now own it. */
export async function transfer(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, to: string, opinion?: string) {
  assertOpen(task);
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  if (task.delegated || task.kind === 'signature') throw problem('TASK_NOT_TRANSFERABLE');
  await usersWhoMay(deps, task, [to], 'handle', 'body.to');
  await guarded(deps, task, { $set: { assignee: to, owner: null } });
  await record(deps, principal, task, 'transferred', { to }, opinion);
  return { assignee: to };
}

/** 委派: the delegate works on it and hands it back (resolve); the owner then completes it. */
export async function delegate(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, to: string, opinion?: string) {
  assertOpen(task);
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  if (task.delegated || task.kind === 'signature') throw problem('TASK_NOT_TRANSFERABLE', { params: { variant: 'delegate' } });
  await usersWhoMay(deps, task, [to], 'handle', 'body.to');
  await guarded(deps, task, { $set: { assignee: to, owner: principal.username, delegated: true } });
  await record(deps, principal, task, 'delegated', { to }, opinion);
  return { assignee: to, owner: principal.username };
}

/** The delegate hands the task back to its owner with an opinion. */
export async function resolve(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, opinion: string) {
  assertOpen(task);
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  if (!task.delegated || !task.owner) throw problem('TASK_NOT_DELEGATED');
  await guarded(deps, task, { $set: { assignee: task.owner, owner: null, delegated: false } });
  await record(deps, principal, task, 'delegationResolved', { owner: task.owner }, opinion);
  return { assignee: task.owner };
}

/** 催办: the director (督办) or a coordinator reminds the holder; kept on the task and the case. */
export async function urge(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, note?: string) {
  if (task.state !== 'open' && task.state !== 'awaitingSigners') throw problem('TASK_ALREADY_COMPLETED', { params: { variant: 'closed' } });
  const subject = taskSubject(task);
  if (!ability.can('supervise', subject) && !ability.can('coordinate', subject)) {
    throw problem('FORBIDDEN', { params: { reason: 'urgeTask' } });
  }
  const at = (deps.clock ?? (() => new Date()))();
  await deps.board.tasks.updateOne({ _id: task._id }, { $push: { urges: { by: principal.username, at, ...(note ? { note } : {}) } }, $set: { lastUrgedAt: at } });
  await record(deps, principal, task, 'urged', { holder: task.assignee }, note);
  return { urged: (task.urges?.length ?? 0) + 1 };
}

/** 抄送: informs staff who may read the task; they see it under list=cc, without a task to do. */
export async function carbonCopy(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, usernames: string[], note?: string) {
  assertCan(ability, 'handle', taskSubject(task));
  await usersWhoMay(deps, task, usernames, 'read', 'body.usernames');
  const at = (deps.clock ?? (() => new Date()))();
  const fresh = usernames.filter((u) => !task.carbonCopies.some((c) => c.username === u));
  if (fresh.length) await deps.board.tasks.updateOne({ _id: task._id }, { $push: { carbonCopies: { $each: fresh.map((username) => ({ username, by: principal.username, at })) } } });
  await record(deps, principal, task, 'carbonCopied', { to: fresh }, note);
  return { carbonCopies: [...task.carbonCopies.map((c) => c.username), ...fresh] };
}

/** Saves the holder's draft opinion (审批意见) on the task. */
export async function saveOpinion(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, opinion: string) {
  assertOpen(task);
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  await deps.board.tasks.updateOne({ _id: task._id, state: 'open' }, { $set: { opinionDraft: opinion } });
  return { opinionDraft: opinion };
}

async function guarded(deps: ApprovalDeps, task: TaskDoc, update: { $set: Record<string, unknown> }): Promise<void> {
  const done = await deps.board.tasks.updateOne({ _id: task._id, state: 'open', rev: task.rev }, { ...update, $inc: { rev: 1 } });
  if (done.modifiedCount !== 1) throw taskChanged();
}

import mongoose from 'mongoose';
import { userModel, type Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import { problem, validationFailed } from '../shared/errors.ts';
import { taskSubject, type TaskDoc } from '../tasks/index.ts';
import { finish } from './complete.ts';
import { alreadyClosed, assertHolder, assertOpen, record, type ApprovalDeps } from './context.ts';
import type { SignersBody } from './schemas.ts';

/**
 * The staff a task may be handed to or shared with: active users whose own ability allows `action`
 * on the task. Throws 422 naming the field otherwise (another department's approver, a clerk…).
 */
export async function usersWhoMay(deps: ApprovalDeps, task: TaskDoc, usernames: string[], action: 'handle' | 'read', field: string): Promise<Principal[]> {
  const users = await userModel(deps.db).find({ username: mongoose.trusted({ $in: usernames }), active: true }).lean();
  const out: Principal[] = [];
  for (const username of usernames) {
    const user = users.find((u) => u.username === username);
    const ability = user && await deps.authority.abilityForUser(String(user._id));
    if (!user || !ability || !ability.can(action, taskSubject(task))) {
      throw problem('USER_CANNOT_TAKE_TASK', {
        params: { username, action }, fields: [{ field, message: `${username}: not an active user who may ${action} the task` }],
      });
    }
    out.push({ userId: String(user._id), username, roles: user.roles, departmentCode: user.departmentCode });
  }
  return out;
}

/**
 * 加签 (before or after the holder) and 会签 / 或签 as signature sub-tasks on the board: the engine
 * keeps one user task; the board gates its completion on the round (mode all: every signer agrees;
 * any: one agreement closes the round).
 */
export async function addSigners(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, body: SignersBody) {
  if (task.kind !== 'engine') throw problem('NOT_FOR_SIGNATURE', { params: { variant: 'addSigners' } });
  assertOpen(task);
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  if (body.usernames.includes(principal.username)) throw validationFailed([{ field: 'body.usernames', message: 'the holder cannot sign their own step again' }]);
  const signers = await usersWhoMay(deps, task, body.usernames, 'handle', 'body.usernames');
  const round = new mongoose.Types.ObjectId().toHexString();
  const now = (deps.clock ?? (() => new Date()))();
  const label = body.position === 'after' ? '后加签' : body.usernames.length > 1 ? (body.mode === 'all' ? '会签' : '或签') : '加签';
  // Counted before the sub-tasks exist: a parent closing meanwhile still knows to close them.
  await deps.board.tasks.updateOne({ _id: task._id }, { $inc: { signatureRounds: 1 } });
  await deps.board.tasks.insertMany(signers.map((s, i) => ({
    _id: `${task._id}.${round.slice(-8)}${i}`, kind: 'signature', parentKey: task._id, signature: { position: body.position, mode: body.mode, round },
    name: `${label}：${task.name}`, step: task.step, sealRequired: false, returnTargets: [], headers: {},
    candidateGroups: task.candidateGroups, candidateUsers: [], assignee: s.username, owner: principal.username, delegated: false,
    departmentCode: task.departmentCode, matterCode: task.matterCode, caseNumber: task.caseNumber, state: 'open',
    dueAt: task.dueAt, warnAt: task.warnAt, form: task.form, carbonCopies: [], urges: [], history: [], createdAt: now, rev: 0,
  })));
  await record(deps, principal, task, 'signersAdded', { signers: body.usernames, position: body.position, mode: body.mode, round }, body.opinion);
  return { round, signatures: signers.map((s, i) => ({ key: `${task._id}.${round.slice(-8)}${i}`, assignee: s.username })) };
}

/** 减签: the holder withdraws a signer who has not signed yet. */
export async function removeSigner(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, username: string) {
  assertCan(ability, 'handle', taskSubject(task));
  assertHolder(task, principal);
  if (task.state !== 'open' && task.state !== 'awaitingSigners') throw alreadyClosed();
  const now = (deps.clock ?? (() => new Date()))();
  const removed = await deps.board.tasks.updateMany({ parentKey: task._id, assignee: username, state: 'open' },
    { $set: { state: 'canceled', closedAt: now, outcome: 'removed' }, $inc: { rev: 1 } });
  if (removed.modifiedCount === 0) throw problem('SIGNER_NOT_PENDING', { params: { username } });
  await record(deps, principal, task, 'signerRemoved', { signer: username });
  await releaseIfSigned(deps, principal, task._id, now);
  return { removed: removed.modifiedCount };
}

/** A signer agrees or disagrees; an `any` round closes on the first agreement. */
export async function signAsSigner(deps: ApprovalDeps, ability: AppAbility, principal: Principal, sub: TaskDoc, outcome: 'agree' | 'disagree', opinion?: string) {
  assertOpen(sub);
  assertCan(ability, 'handle', taskSubject(sub));
  assertHolder(sub, principal);
  const now = (deps.clock ?? (() => new Date()))();
  const tasks = deps.board.tasks;
  const done = await tasks.updateOne({ _id: sub._id, state: 'open', rev: sub.rev },
    { $set: { state: 'completed', outcome, completedBy: principal.username, closedAt: now, opinionDraft: opinion }, $inc: { rev: 1 } });
  if (done.modifiedCount !== 1) throw alreadyClosed();
  if (outcome === 'agree' && sub.signature!.mode === 'any') {
    await tasks.updateMany({ parentKey: sub.parentKey, 'signature.round': sub.signature!.round, state: 'open' },
      { $set: { state: 'canceled', closedAt: now, outcome: 'notNeeded' }, $inc: { rev: 1 } });
  }
  await record(deps, principal, sub, outcome === 'agree' ? 'signed' : 'signedDisagree', { parentKey: sub.parentKey, round: sub.signature!.round }, opinion);
  if (sub.signature!.position === 'after') {
    if (outcome === 'disagree') {
      // An after-signer's disagreement sends the step back to its holder, who decides again.
      await tasks.updateOne({ _id: sub.parentKey, state: 'awaitingSigners' }, { $set: { state: 'open' }, $unset: { pendingCompletion: 1, outcome: 1 }, $inc: { rev: 1 } });
      await tasks.updateMany({ parentKey: sub.parentKey, 'signature.position': 'after', state: 'open' }, { $set: { state: 'canceled', closedAt: now, outcome: 'notNeeded' }, $inc: { rev: 1 } });
    } else {
      await releaseIfSigned(deps, principal, sub.parentKey!, now);
    }
  }
  return { state: 'completed', outcome };
}

/** When the last after-signer has signed, the held completion goes to the engine. */
async function releaseIfSigned(deps: ApprovalDeps, principal: Principal, parentKey: string, now: Date): Promise<void> {
  const tasks = deps.board.tasks;
  const parent = await tasks.findById(parentKey).lean<TaskDoc>();
  if (!parent || parent.state !== 'awaitingSigners') return;
  if (await tasks.exists({ parentKey, 'signature.position': 'after', state: 'open' })) return;
  await finish(deps, principal, parent, parent.outcome ?? 'approved', parent.pendingCompletion ?? {}, { afterSigners: true }, now, 'awaitingSigners');
}

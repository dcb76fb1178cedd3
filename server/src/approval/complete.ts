import mongoose from 'mongoose';
import type { Principal } from '../auth/index.ts';
import type { Variables } from '../engine/index.ts';
import { AppError, conflict } from '../shared/errors.ts';
import type { TaskDoc } from '../tasks/index.ts';
import { alreadyClosed, record, taskChanged, type ApprovalDeps } from './context.ts';

const t = <T extends object>(q: T) => mongoose.trusted(q) as T;

/**
 * Whether the signatures asked before completion (前加签, 会签, 或签) allow the step to complete:
 * none still open; in an `all` round every signer agreed; in an `any` round at least one did.
 * Throws 409 SIGNATURES_PENDING or COUNTERSIGN_NOT_AGREED.
 */
export async function assertSignaturesAllow(deps: ApprovalDeps, task: TaskDoc): Promise<void> {
  if (!task.signatureRounds) return;
  const signatures = await deps.board.tasks.find({ parentKey: task._id, 'signature.position': 'before' }).lean<TaskDoc[]>();
  if (signatures.some((s) => s.state === 'open')) throw conflict('SIGNATURES_PENDING', 'Signers asked before completion have not all signed', '加签/会签人员尚未全部签署');
  const rounds = new Map<string, TaskDoc[]>();
  for (const s of signatures) if (s.state === 'completed') rounds.set(s.signature!.round, [...(rounds.get(s.signature!.round) ?? []), s]);
  for (const round of rounds.values()) {
    const agreed = round.filter((s) => s.outcome === 'agree').length;
    const ok = round[0].signature!.mode === 'all' ? agreed === round.length : agreed > 0;
    if (!ok) throw conflict('COUNTERSIGN_NOT_AGREED', 'The countersigners did not agree; the step can only be rejected or returned', '会签/或签未获同意，只能驳回或退回');
  }
}

/**
 * Completes an engine task on behalf of its holder. If signers were added after the holder (后加签)
 * and have not signed, the completion waits for them (`awaitingSigners`). Otherwise the task is
 * moved to `completing` with a version guard — so a second request finds it taken and gets 409,
 * changing nothing — then the engine is told, then the task is `completed`. Should the engine
 * refuse, the task returns to `open`.
 */
export async function completeTask(
  deps: ApprovalDeps, principal: Principal, task: TaskDoc, outcome: string, variables: Variables, data: Record<string, unknown> = {},
): Promise<{ state: string }> {
  const now = (deps.clock ?? (() => new Date()))();
  const tasks = deps.board.tasks;
  if (task.signatureRounds && await tasks.exists({ parentKey: task._id, 'signature.position': 'after', state: 'open' })) {
    const held = await tasks.updateOne({ _id: task._id, rev: task.rev, state: 'open' },
      { $set: { state: 'awaitingSigners', pendingCompletion: variables, outcome, completedBy: principal.username }, $inc: { rev: 1 } });
    if (held.modifiedCount !== 1) throw taskChanged();
    await record(deps, principal, task, `${outcome}.awaitingSigners`, data);
    return { state: 'awaitingSigners' };
  }
  return finish(deps, principal, task, outcome, variables, data, now, 'open');
}

/** Tells the engine; `from` is the state the task must still be in. */
export async function finish(
  deps: ApprovalDeps, principal: Principal, task: TaskDoc, outcome: string, variables: Variables, data: Record<string, unknown>, now: Date,
  from: 'open' | 'awaitingSigners',
): Promise<{ state: string }> {
  const tasks = deps.board.tasks;
  const taken = await tasks.updateOne({ _id: task._id, state: from, ...(from === 'open' ? { rev: task.rev } : {}) },
    { $set: { state: 'completing', outcome, completedBy: from === 'open' ? principal.username : task.completedBy }, $inc: { rev: 1 } });
  if (taken.modifiedCount !== 1) {
    const current = await tasks.findById(task._id, { state: 1 }).lean();
    throw current && current.state === from ? taskChanged() : alreadyClosed();
  }
  try {
    await deps.engine.completeUserTask(task._id, variables);
  } catch (error) {
    if (error instanceof AppError && error.code === 'TASK_NOT_FOUND') {
      await tasks.updateOne({ _id: task._id, state: 'completing' }, { $set: { state: 'canceled', closedAt: now } });
      throw alreadyClosed();
    }
    await tasks.updateOne({ _id: task._id, state: 'completing' }, { $set: { state: from }, $inc: { rev: 1 } });
    throw error;
  }
  await tasks.updateOne({ _id: task._id, state: t({ $in: ['completing', 'completed'] as TaskDoc['state'][] }) },
    { $set: { state: 'completed', closedAt: now }, $unset: { pendingCompletion: 1 }, $inc: { rev: 1 } });
  await record(deps, principal, task, outcome, data);
  return { state: 'completed' };
}

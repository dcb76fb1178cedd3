import type { Principal } from '../auth/index.ts';
import { EngineNotFound, type Variables } from '../engine/index.ts';
import { problem } from '../shared/errors.ts';
import type { PendingRecord, TaskDoc } from '../tasks/index.ts';
import { alreadyClosed, record, taskChanged, type ApprovalDeps } from './context.ts';


/**
 * Whether the signatures asked before completion (前加签, 会签, 或签) allow the step to complete:
 * none still open; in an `all` round every signer agreed; in an `any` round at least one did.
 * Throws 409 SIGNATURES_PENDING or COUNTERSIGN_NOT_AGREED.
 */
export async function assertSignaturesAllow(deps: ApprovalDeps, task: TaskDoc): Promise<void> {
  if (!task.signatureRounds) return;
  const signatures = await deps.board.tasks.find({ parentKey: task._id, 'signature.position': 'before' }).lean<TaskDoc[]>();
  if (signatures.some((s) => s.state === 'open')) throw problem('SIGNATURES_PENDING');
  const rounds = new Map<string, TaskDoc[]>();
  for (const s of signatures) if (s.state === 'completed') rounds.set(s.signature!.round, [...(rounds.get(s.signature!.round) ?? []), s]);
  for (const round of rounds.values()) {
    const agreed = round.filter((s) => s.outcome === 'agree').length;
    const ok = round[0].signature!.mode === 'all' ? agreed === round.length : agreed > 0;
    if (!ok) throw problem('COUNTERSIGN_NOT_AGREED');
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

/**
 * Tells the engine; `from` is the state the task must still be in. The completion and what it must
 * record are saved on the task (`completing`) before the engine hears of it; the record is then
 * written exactly once — by this request, or by the engine's completion event, or at the next start
 * (recoverCompletions) if the server died in between.
 */
export async function finish(
  deps: ApprovalDeps, principal: Principal, task: TaskDoc, outcome: string, variables: Variables, data: Record<string, unknown>, now: Date,
  from: 'open' | 'awaitingSigners',
): Promise<{ state: string }> {
  const tasks = deps.board.tasks;
  const completion: PendingRecord = { id: `${task._id}:${outcome}:${task.rev}`, outcome, by: { userId: principal.userId, username: principal.username }, at: now, data, variables };
  const taken = await tasks.updateOne({ _id: task._id, state: from, ...(from === 'open' ? { rev: task.rev } : {}) },
    { $set: { state: 'completing', outcome, completedBy: from === 'open' ? principal.username : task.completedBy, completion }, $inc: { rev: 1 } });
  if (taken.modifiedCount !== 1) {
    const current = await tasks.findById(task._id, { state: 1 }).lean();
    throw current && current.state === from ? taskChanged() : alreadyClosed();
  }
  try {
    await deps.engine.completeUserTask(task._id, variables);
  } catch (error) {
    if (error instanceof EngineNotFound && error.code === 'TASK_NOT_FOUND') {
      await tasks.updateOne({ _id: task._id, state: 'completing' }, { $set: { state: 'canceled', closedAt: now }, $unset: { completion: 1 } });
      throw alreadyClosed();
    }
    await tasks.updateOne({ _id: task._id, state: 'completing' }, { $set: { state: from }, $unset: { completion: 1 }, $inc: { rev: 1 } });
    throw error;
  }
  await recordCompletion(deps, task._id);
  return { state: 'completed' };
}

/**
 * Writes the pending record of a completing task (history, timeline, audit trail — each once) and
 * moves it to `completed`. Called after the engine took the completion; a task not completing, or
 * already recorded, is left alone.
 */
export async function recordCompletion(deps: ApprovalDeps, key: string): Promise<void> {
  const tasks = deps.board.tasks;
  const task = await tasks.findById(key).lean<TaskDoc>();
  const pending = task?.completion;
  if (!task || task.state !== 'completing' || !pending) return;
  await record(deps, pending.by, task, pending.outcome, pending.data, undefined, { id: pending.id, at: new Date(pending.at) });
  await tasks.updateOne({ _id: key, state: 'completing' },
    { $set: { state: 'completed', closedAt: new Date(pending.at) }, $unset: { pendingCompletion: 1, completion: 1 }, $inc: { rev: 1 } });
}

/**
 * At start, after the engine redelivered its pending events: a task left `completing` by a server
 * that died before telling the engine is completed now, as its holder asked (the request was
 * authorised and saved); one the engine no longer has was closed meanwhile and is canceled.
 * Returns how many were taken up.
 */
export async function recoverCompletions(deps: ApprovalDeps): Promise<number> {
  const tasks = deps.board.tasks;
  const left = await tasks.find({ state: 'completing' }, { _id: 1, completion: 1 }).lean<TaskDoc[]>();
  for (const task of left) {
    if (!task.completion) continue;
    try {
      await deps.engine.completeUserTask(task._id, task.completion.variables);
    } catch (error) {
      if (!(error instanceof EngineNotFound && error.code === 'TASK_NOT_FOUND')) throw error;
      // completed before the crash: the redelivered event recorded it; otherwise it was closed
      await recordCompletion(deps, task._id);
      await tasks.updateOne({ _id: task._id, state: 'completing' }, { $set: { state: 'canceled', closedAt: new Date() }, $unset: { completion: 1 } });
      continue;
    }
    await recordCompletion(deps, task._id);
  }
  return left.length;
}

import mongoose, { type Connection } from 'mongoose';
import type { AuditTrail } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import type { ActiveDelegation, Authority } from '../authz/index.ts';
import type { DocumentService } from '../documents/index.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { caseLedger } from '../intake/index.ts';
import { problem } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { TaskBoard, TaskDoc } from '../tasks/index.ts';

export interface ApprovalDeps {
  db: Connection;
  engine: WorkflowEngine;
  board: TaskBoard;
  authority: Authority;
  documents: DocumentService;
  trail: AuditTrail;
  /** Where a refusal that could not be written to the trail is reported. */
  logger?: Logger;
  /** Delegations in force for a user (the delegations service's `activeFor`). */
  delegationsOf(userId: string, now: Date): Promise<ActiveDelegation[]>;
  clock?: () => Date;
  /** The agency named on decisions and its issuing window. */
  agency?: { name: string; issuingWindow: string };
}

export const defaultAgency = { name: '中卫市行政审批服务局', issuingWindow: '中卫市政务服务中心统一出件窗口' };

export const alreadyClosed = () => problem('TASK_ALREADY_COMPLETED');
export const taskChanged = () => problem('TASK_CHANGED');

/** Open tasks only; 409 for a completed, canceled or completing one. */
export function assertOpen(task: TaskDoc): void {
  if (task.state !== 'open') throw alreadyClosed();
}

/** The principal must hold the task (claimed or assigned to them). */
export function assertHolder(task: TaskDoc, principal: Principal): void {
  if (task.assignee === principal.username) return;
  if (task.assignee === null) throw problem('TASK_NOT_CLAIMED');
  throw problem('TASK_HELD_BY_OTHER');
}

/**
 * Records an action: on the task's history, on the case timeline and in the audit trail. With
 * `once` (an operation id and the time it took effect) each of the three is written once, however
 * often the record is retried (after a crash between them); the timeline entry carries that time,
 * so it sorts before what the action caused.
 */
export async function record(
  deps: ApprovalDeps, principal: Pick<Principal, 'userId' | 'username'>, task: TaskDoc, type: string, data: Record<string, unknown> = {}, note?: string,
  once?: { id: string; at: Date },
): Promise<void> {
  const at = once?.at ?? (deps.clock ?? (() => new Date()))();
  const id = once ? { id: once.id } : {};
  const entry = { ...id, at, type, by: principal.username, ...(note ? { note } : {}), data };
  await deps.board.tasks.updateOne({ _id: task._id, ...(once ? { 'history.id': mongoose.trusted({ $ne: once.id }) } : {}) }, { $push: { history: entry } });
  if (task.caseNumber) {
    const line = { at, type: `approval.${type}`, actor: principal.username, ...(note ? { note } : {}), data: { taskKey: task.parentKey ?? task._id, step: task.step ?? task.elementId, ...data } };
    await caseLedger(deps.db).append(task.caseNumber, once?.id ?? `task:${task._id}:${type}:${at.getTime()}`, line);
  }
  await deps.trail.append({
    actor: { userId: principal.userId, username: principal.username }, action: `task.${type}`,
    subject: { type: 'Task', id: task._id }, departmentCode: task.departmentCode, data: { caseNumber: task.caseNumber, ...data },
  }, once ? { once: once.id } : {});
}

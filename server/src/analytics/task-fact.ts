import { todayInHall, type WorkingCalendar } from '../calendar/index.ts';
import type { UserTask } from '../engine/index.ts';
import type { TaskDoc } from '../tasks/index.ts';
import type { Dimensions, TaskFact } from './facts.ts';
import { round } from './case-fact.ts';

const HOUR = 3_600_000;

/**
 * A completed step as a fact: created → claimed is waiting, claimed → completed is handling (a task
 * given straight to someone is claimed when created). Who claimed and when come from the board's
 * history; the outcome and who completed from its completion record. Working days are counted
 * after the day of creation up to and including the day of completion (holidays and weekends not
 * counted), as a step's limit is.
 */
export function taskFactOf(task: UserTask, board: Partial<TaskDoc> | null, dims: Dimensions & { caseNumber: string }, completedAt: Date, calendar: WorkingCalendar): TaskFact {
  const createdAt = new Date(task.createdAt);
  const claim = board?.history?.find((h) => h.type === 'claimed');
  const claimedAt = claim ? new Date(claim.at) : createdAt;
  const dueAt = board?.dueAt ? new Date(board.dueAt) : task.dueDate ? new Date(task.dueDate) : null;
  const hours = (a: Date, b: Date) => round(Math.max(0, b.getTime() - a.getTime()) / HOUR);
  return {
    _id: task.key, ...dims, processId: task.processId, processVersion: task.processVersion, elementId: task.elementId,
    name: task.name ?? task.elementId,
    assignee: board?.completedBy ?? board?.assignee ?? task.assignee ?? claim?.by ?? '',
    createdAt, claimedAt, completedAt, day: todayInHall(completedAt), dueAt, outcome: board?.outcome ?? 'completed',
    waitHours: hours(createdAt, claimedAt), handleHours: hours(claimedAt, completedAt), hours: hours(createdAt, completedAt),
    workingDays: Math.max(0, calendar.workingDaysBetween(todayInHall(createdAt), todayInHall(completedAt))),
    overdue: dueAt !== null && completedAt.getTime() > dueAt.getTime(),
  };
}

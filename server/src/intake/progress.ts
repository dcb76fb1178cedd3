import type { TaskMigratedListener, UserTaskListener } from '../engine/index.ts';
import type { IntakeService } from './service.ts';

/**
 * The case a task belongs to and when it was closed (the board knows both), for events that carry
 * no `caseId` (a completion carries only its own variables) and no time.
 */
export type CaseOfTask = (taskKey: string) => Promise<{ caseNumber?: string | null; closedAt?: Date } | null | undefined>;

/**
 * Keeps each case's current step (shown on the public progress page) in step with its user tasks,
 * and stops the case clock while a task says so (header `clock: paused` — e.g. 专家评审, whose time
 * 行政许可法第四十五条 leaves out); the `receive` job of stage `resume` starts it again. Each event is
 * written once per task (the engine redelivers after a restart), at the time the engine gave it.
 */
export function caseProgressListener(intake: IntakeService, caseOfTask?: CaseOfTask): UserTaskListener {
  return async (event) => {
    const name = event.task.name ?? event.task.elementId;
    const key = event.task.key;
    if (event.type === 'created') {
      const caseNumber = event.task.variables.caseId;
      if (typeof caseNumber !== 'string') return;
      const at = new Date(event.task.createdAt);
      const written = await intake.ledger.enterStep(caseNumber, `task:${key}:created`, { name, elementId: event.task.elementId, since: at, taskKey: key },
        { at, type: 'taskCreated', data: { step: name, taskKey: key } });
      if (written && event.task.customHeaders.clock === 'paused') await intake.ledger.pauseClock(caseNumber, intake.today(), name);
    } else if (event.type === 'completed') {
      const known = await caseOfTask?.(key);
      const caseNumber = typeof event.task.variables.caseId === 'string' ? event.task.variables.caseId : known?.caseNumber;
      if (!caseNumber) return;
      const at = known?.closedAt ? new Date(known.closedAt) : intake.now();
      // the step is no longer current once done (a later task, if any, has set its own)
      await intake.ledger.leaveStep(caseNumber, `task:${key}:completed`, key, { at, type: 'taskCompleted', data: { step: name, taskKey: key } });
    }
  };
}

/**
 * A task moved to another process version with its case (process migration): where it is the case's
 * current step, the step takes the new element's id and name and keeps its start. Idempotent.
 */
export function caseStepMigratedListener(intake: IntakeService): TaskMigratedListener {
  return async ({ task }) => {
    const caseNumber = task.variables.caseId;
    if (typeof caseNumber !== 'string') return;
    await intake.ledger.followStep(caseNumber, task.key, { name: task.name ?? task.elementId, elementId: task.elementId });
  };
}

import type { UserTaskListener } from '../engine/index.ts';
import type { IntakeService } from './service.ts';

/**
 * Keeps each case's current step (shown on the public progress page) in step with its user tasks,
 * and stops the case clock while a task says so (header `clock: paused` — e.g. 专家评审, whose time
 * 行政许可法第四十五条 leaves out); the `receive` job of stage `resume` starts it again.
 */
export function caseProgressListener(intake: IntakeService): UserTaskListener {
  return async (event) => {
    const caseNumber = event.task.variables.caseId;
    if (typeof caseNumber !== 'string') return;
    const name = event.task.name ?? event.task.elementId;
    if (event.type === 'created') {
      await intake.cases.updateOne({ caseNumber }, {
        $set: { currentStep: { name, elementId: event.task.elementId, since: new Date() } },
        $push: { timeline: { at: new Date(), type: 'taskCreated', data: { step: name, taskKey: event.task.key } } },
      });
      if (event.task.customHeaders.clock === 'paused') await intake.caseClock.pause(caseNumber, intake.today(), name);
    } else if (event.type === 'completed') {
      await intake.cases.updateOne({ caseNumber }, { $push: { timeline: { at: new Date(), type: 'taskCompleted', data: { step: name, taskKey: event.task.key } } } });
    }
  };
}

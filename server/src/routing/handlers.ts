import type { Job, JobHandler, JobResult } from '../engine/index.ts';
import type { Case, IntakeService } from '../intake/index.ts';
import { deadlineVariables } from './deadlines.ts';

export interface RoutingDeps {
  intake: IntakeService;
  /** Working days before a due date when the yellow warning comes (DOMAIN.md §8). */
  warnDays?: number;
}

/** A job whose case cannot be found cannot be retried into existence: raise an incident at once. */
export const noCase = (job: Job): JobResult => ({ outcome: 'fail', retries: 0, errorMessage: `case ${String(job.variables.caseId)} not found` });

export async function caseOf(intake: IntakeService, job: Job): Promise<Case | undefined> {
  const caseNumber = job.variables.caseId;
  if (typeof caseNumber !== 'string') return undefined;
  return (await intake.cases.findOne({ caseNumber }).lean<Case>()) ?? undefined;
}

/** 联合审图 review limits (住建部令第13号): 15 working days for large projects, 10 for the others. */
const jointReviewDays = (projectClass: unknown) => (projectClass === 'large' ? 15 : 10);

/**
 * `receive` (收件) and `transfer` (按责转办): the case enters the back office. Both compute the
 * working-day deadlines the process's timers read; `receive` after a correction or resubmission
 * resumes the paused clock first (补正 time does not count).
 */
export function routingJobHandlers(deps: RoutingDeps): Record<'receive' | 'transfer', JobHandler> {
  const { intake } = deps;
  const warnDays = deps.warnDays ?? 1;

  const receive: JobHandler = async (job) => {
    let caseDoc = await caseOf(intake, job);
    if (!caseDoc) return noCase(job);
    const today = intake.today();
    const stage = job.customHeaders.stage ?? 'intake';
    if (stage !== 'intake') caseDoc = await intake.caseClock.resume(caseDoc.caseNumber, today);
    if (!caseDoc.dueDate) return { outcome: 'fail', retries: 0, errorMessage: `case ${caseDoc.caseNumber} has no due date (not accepted)` };
    const calendar = await intake.calendar.calendar();
    return { outcome: 'complete', variables: deadlineVariables(calendar, today, caseDoc.dueDate, warnDays, 'case') };
  };

  const transfer: JobHandler = async (job) => {
    const caseDoc = await caseOf(intake, job);
    if (!caseDoc) return noCase(job);
    const matter = await intake.matter(caseDoc.matterCode, 'matterCode');
    const lead = matter.departmentCode;
    const departments = [...new Set([lead, ...matter.parallelDepartmentCodes])];
    const units = job.customHeaders.mode === 'jointDrawingReview' ? await reviewUnits(intake, lead, job.variables.reviewUnits) : [];
    const today = intake.today();
    const calendar = await intake.calendar.calendar();
    const stepDays = job.customHeaders.mode === 'jointDrawingReview'
      ? jointReviewDays(job.variables.projectClass)
      : Math.max(1, Math.ceil(matter.promisedDays / 2));
    const caseDue = caseDoc.dueDate ?? today;
    const stepDue = calendar.addWorkingDays(today, stepDays, { countFromNextDay: intake.calendar.countFromNextDay });
    const dispatched = job.customHeaders.mode === 'jointDrawingReview' ? units : job.customHeaders.mode === 'parallel' ? departments : [lead];
    // Only a case still under way moves stage: a job in flight when the case was terminated or
    // withdrawn must not reopen it.
    await intake.cases.updateOne({ caseNumber: caseDoc.caseNumber, status: 'accepted' }, {
      $set: { stage: 'approval' },
      $push: { timeline: { at: new Date(), type: 'transferred', data: { departments: dispatched, step: job.customHeaders.step } } },
    });
    return {
      outcome: 'complete',
      variables: {
        departmentCode: lead, departments, units,
        ...deadlineVariables(calendar, today, stepDue < caseDue || job.customHeaders.mode === 'jointDrawingReview' ? stepDue : caseDue, warnDays, 'step'),
      },
    };
  };

  return { receive, transfer };
}

/**
 * The units of a joint drawing review: the ones the application names (they must be members of the
 * office), else every member of the lead's office that has the joint review room (联合审图室).
 */
async function reviewUnits(intake: IntakeService, lead: string, requested: unknown): Promise<string[]> {
  const office = await intake.catalog.offices.findOne({ hasJointDrawingReviewRoom: true, memberDepartmentCodes: lead }).lean();
  const members = office?.memberDepartmentCodes ?? [lead];
  if (Array.isArray(requested) && requested.length > 0) {
    const named = requested.filter((u): u is string => typeof u === 'string' && members.includes(u));
    return [...new Set([lead, ...named])];
  }
  return [lead, ...members.filter((m) => m !== lead)];
}


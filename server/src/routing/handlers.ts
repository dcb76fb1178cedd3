import { z } from 'zod';
import type { JobResult } from '../engine/index.ts';
import type { IntakeService } from '../intake/index.ts';
import { choice, defineJob, text } from '../jobs/define.ts';
import { deadlineVariables } from './deadlines.ts';

export interface RoutingDeps {
  intake: IntakeService;
  /** Working days before a due date when the yellow warning comes (DOMAIN.md §8). */
  warnDays?: number;
}

/** A job whose case cannot be found cannot be retried into existence: raise an incident at once. */
export const noCase = (caseId: string): JobResult => ({ outcome: 'fail', retries: 0, errorMessage: `case ${caseId} not found` });

/** The variable every case job reads: the case number (办件编号) the instance was started with. */
export const caseVariables = z.object({ caseId: z.string().min(1) }).loose();

/** 联合审图 review limits (住建部令第13号): 15 working days for large projects, 10 for the others. */
const jointReviewDays = (projectClass: unknown) => (projectClass === 'large' ? 15 : 10);

/**
 * `receive` (收件): the case enters the back office; computes the working-day deadlines the
 * process's timers read. After a correction or resubmission it resumes the paused clock first
 * (补正 time does not count).
 */
export const receiveJob = defineJob({
  type: 'receive', zh: '收件',
  description: '登记收到的申请或补正材料，按事项承诺时限（工作日）计算办件时限；暂停后恢复时重新计算。',
  headers: { stage: choice('收件阶段', { intake: '受理收件', correction: '补正材料收件', resubmission: '修改后重新提交', resume: '恢复计时（专家评审等结束）' }) },
  variables: caseVariables,
  writes: ['caseWarnAt', 'caseDueAt'],
  handler: (deps: RoutingDeps) => async (job) => {
    const { intake } = deps;
    let caseDoc = await intake.ledger.read(job.input.caseId);
    if (!caseDoc) return noCase(job.input.caseId);
    const today = intake.today();
    if (job.headers.stage !== 'intake') caseDoc = await intake.ledger.resumeClock(caseDoc.caseNumber, today);
    if (!caseDoc.dueDate) return { outcome: 'fail', retries: 0, errorMessage: `case ${caseDoc.caseNumber} has no due date (not accepted)` };
    const calendar = await intake.calendar.calendar();
    return { outcome: 'complete', variables: deadlineVariables(calendar, today, caseDoc.dueDate, deps.warnDays ?? 1, 'case') };
  },
});

/**
 * `transfer` (按责转办): dispatches the case to the responsible department (with the co-handling
 * ones in parallel approval, the review units in 联合审图) and computes the step's deadlines.
 */
export const transferJob = defineJob({
  type: 'transfer', zh: '按责转办',
  description: '按职责把办件转给责任部门（并联、联合审图时包括协办单位），计算环节时限。',
  headers: {
    step: text('下一环节', { default: 'review' }),
    mode: choice('转办方式', { single: '单部门', parallel: '并联审批（牵头与协办部门）', jointDrawingReview: '联合审图（按项目类别 10 或 15 个工作日）' }),
  },
  variables: caseVariables.extend({ projectClass: z.string().nullish(), reviewUnits: z.array(z.string()).nullish() }),
  writes: ['departmentCode', 'departments', 'units', 'stepWarnAt', 'stepDueAt'],
  handler: (deps: RoutingDeps) => async (job) => {
    const { intake } = deps;
    const caseDoc = await intake.ledger.read(job.input.caseId);
    if (!caseDoc) return noCase(job.input.caseId);
    const matter = await intake.matter(caseDoc.matterCode, 'matterCode');
    const lead = matter.departmentCode;
    const departments = [...new Set([lead, ...matter.parallelDepartmentCodes])];
    const joint = job.headers.mode === 'jointDrawingReview';
    const units = joint ? await reviewUnits(intake, lead, job.input.reviewUnits) : [];
    const today = intake.today();
    const calendar = await intake.calendar.calendar();
    const stepDays = joint ? jointReviewDays(job.input.projectClass) : Math.max(1, Math.ceil(matter.promisedDays / 2));
    const caseDue = caseDoc.dueDate ?? today;
    const stepDue = calendar.addWorkingDays(today, stepDays, { countFromNextDay: intake.calendar.countFromNextDay });
    const dispatched = joint ? units : job.headers.mode === 'parallel' ? departments : [lead];
    // Only a case still under way moves stage: a job in flight when the case was terminated or
    // withdrawn must not reopen it.
    await intake.ledger.setStage(caseDoc.caseNumber, `job:${job.key}`, 'approval',
      { type: 'transferred', data: { departments: dispatched, step: job.headers.step } }, { whileStatus: 'accepted' });
    return {
      outcome: 'complete',
      variables: {
        departmentCode: lead, departments, units,
        ...deadlineVariables(calendar, today, stepDue < caseDue || joint ? stepDue : caseDue, deps.warnDays ?? 1, 'step'),
      },
    };
  },
});

/**
 * The units of a joint drawing review: the ones the application names (they must be members of the
 * office), else every member of the lead's office that has the joint review room (联合审图室).
 */
async function reviewUnits(intake: IntakeService, lead: string, requested: string[] | null | undefined): Promise<string[]> {
  const office = await intake.catalog.offices.findOne({ hasJointDrawingReviewRoom: true, memberDepartmentCodes: lead }).lean();
  const members = office?.memberDepartmentCodes ?? [lead];
  if (Array.isArray(requested) && requested.length > 0) {
    const named = requested.filter((u) => members.includes(u));
    return [...new Set([lead, ...named])];
  }
  return [lead, ...members.filter((m) => m !== lead)];
}


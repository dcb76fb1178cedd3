import type { Connection } from 'mongoose';
import { todayInHall, type CalendarService } from '../calendar/index.ts';
import { casePath } from '../casefile/index.ts';
import type { Case } from '../intake/index.ts';
import { processVersionModel } from '../processes/index.ts';
import { taskModel, type TaskDoc } from '../tasks/index.ts';
import type { Forecast } from './types.ts';
import { stepsAhead } from './walk.ts';

export type { Forecast } from './types.ts';

/** A step's limit when the model names neither a due-date variable nor `limitDays` (the board's default). */
export const DEFAULT_STEP_DAYS = 5;

const hallDay = (value: unknown): string | undefined => {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : todayInHall(new Date(at.getTime() - 1));
};

/**
 * 流程预测: the steps still to come on the version the case runs, who will hold each (from the
 * current variables: the open tasks' form data) and by which working day — the model's due-date
 * variable when it is known already (caseDueAt), else the step's `limitDays` (default 5) counted in
 * working days after the step before it.
 */
export async function forecastOf(db: Connection, calendar: CalendarService, caseDoc: Case, now: Date): Promise<Forecast> {
  const base = { caseNumber: caseDoc.caseNumber, processId: caseDoc.processId, processVersion: caseDoc.processVersion };
  if (!caseDoc.processId || !caseDoc.processVersion) return { ...base, current: [], steps: [] };
  const version = await processVersionModel(db).findOne({ processId: caseDoc.processId, version: caseDoc.processVersion }, { xml: 1 }).lean();
  if (!version) return { ...base, current: [], steps: [] };
  const open = (await taskModel(db).find({ caseNumber: caseDoc.caseNumber }, { history: 0 }).lean<TaskDoc[]>())
    .filter((t) => t.kind === 'engine' && (t.state === 'open' || t.state === 'awaitingSigners'));
  let from = [...new Set(open.map((t) => t.elementId).filter((id): id is string => Boolean(id)))];
  if (!from.length) from = (await casePath(db, caseDoc.caseNumber)).filter((e) => e.active && /Task$/.test(e.elementType)).map((e) => e.elementId);
  const variables: Record<string, unknown> = { departmentCode: caseDoc.departmentCode, matterCode: caseDoc.matterCode, caseId: caseDoc.caseNumber };
  for (const task of open) Object.assign(variables, task.form);
  if (caseDoc.status === 'completed' || !from.length) return { ...base, current: [], steps: [] };

  const cal = await calendar.calendar();
  const current = open.map((t) => ({ elementId: t.elementId ?? t._id, name: t.name, dueOn: hallDay(t.dueAt) }));
  let last = current.map((c) => c.dueOn).filter((d): d is string => Boolean(d)).sort().at(-1) ?? todayInHall(now);
  const steps = (await stepsAhead(version.xml, caseDoc.processId, from, variables)).map((step) => {
    if (step.kind !== 'userTask') return step;
    const known = step.dueVariable ? hallDay(variables[step.dueVariable]) : undefined;
    const dueOn = known && known >= last ? known : cal.addWorkingDays(last, step.limitDays ?? DEFAULT_STEP_DAYS);
    last = dueOn;
    return { ...step, dueOn };
  });
  return { ...base, current, steps };
}

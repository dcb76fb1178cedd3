import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Case } from '../intake/index.ts';
import { maskName } from '../intake/identity.ts';
import { publicProgressView } from '../intake/views.ts';
import type { BundleCase, BundleDefinition } from './models.ts';
import { memberProgress, memberStateNames } from './progress.ts';

export const definitionView = (d: BundleDefinition) => {
  const { _id, ...rest } = d as BundleDefinition & { __v?: number };
  delete (rest as { __v?: number }).__v;
  return { id: String(_id), ...rest };
};

/**
 * The bundle's two clocks, both in working days: its own (promised limit from the day received)
 * and each member's (its case's due date, stopped while that member waits for corrections).
 */
function clocks(bundle: BundleCase, calendar: WorkingCalendar, today: string) {
  const open = bundle.stage !== 'closed';
  return {
    dueDate: bundle.dueDate,
    workingDaysUsed: calendar.workingDaysBetween(bundle.receivedOn, open ? today : (bundle.completedAt?.toISOString().slice(0, 10) ?? today)),
    dueState: open ? calendar.dueState(bundle.dueDate, today) : 'normal',
  };
}

function memberRows(bundle: BundleCase, cases: Map<string, Case>, calendar: WorkingCalendar, today: string) {
  return bundle.members.map((m) => {
    const caseDoc = m.caseNumber ? cases.get(m.caseNumber) : undefined;
    const progress = caseDoc ? memberProgress(caseDoc) : { state: 'received' as const };
    const paused = caseDoc?.pauses.find((p) => !p.to);
    return {
      matterCode: m.matterCode, matterName: m.matterName, departmentCode: m.departmentCode, caseNumber: m.caseNumber,
      state: progress.state, stateName: memberStateNames[progress.state], outcome: progress.outcome,
      dueDate: caseDoc?.dueDate, currentStep: caseDoc?.currentStep?.name,
      dueState: caseDoc?.dueDate && !progress.outcome && !paused ? calendar.dueState(caseDoc.dueDate, today) : undefined,
      pausedSince: paused?.from, pauseReason: paused?.reason,
      // the 出件 page: 即办件 results are given at the desk; the others' certificates wait to be handed over together
      immediate: caseDoc?.handlingType === 'immediate',
      certificate: certificateOf(caseDoc),
    };
  });
}

function certificateOf(caseDoc: Case | undefined) {
  const doc = caseDoc?.documents.find((d) => d.kind === 'certificate');
  return doc ? { documentId: doc.documentId, verificationCode: doc.verificationCode } : undefined;
}

/** The bundle as staff see it. */
export function bundleView(bundle: BundleCase, cases: Map<string, Case>, calendar: WorkingCalendar, today: string) {
  const { _id, ...rest } = bundle as BundleCase & { __v?: number };
  delete (rest as { __v?: number }).__v;
  return { id: String(_id), ...rest, clock: clocks(bundle, calendar, today), members: memberRows(bundle, cases, calendar, today) };
}

/** The public page: the bundle and each member's own progress, no personal data beyond a masked name. */
export function publicBundleView(bundle: BundleCase, cases: Map<string, Case>, calendar: WorkingCalendar, today: string) {
  const rows = memberRows(bundle, cases, calendar, today);
  return {
    bundleNumber: bundle.bundleNumber, name: bundle.nameZh, applicant: maskName(bundle.applicant.name), receivedOn: bundle.receivedOn,
    stage: bundle.stage, clock: clocks(bundle, calendar, today),
    members: rows.map((row) => {
      const caseDoc = row.caseNumber ? cases.get(row.caseNumber) : undefined;
      return { matterName: row.matterName, caseNumber: row.caseNumber, state: row.state, stateName: row.stateName, dueDate: row.dueDate, timeline: caseDoc ? publicProgressView(caseDoc).timeline : [] };
    }),
  };
}

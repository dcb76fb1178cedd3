import type { Case } from './case.model.ts';
import { caseStatusNames } from './case.model.ts';
import { maskName } from './identity.ts';
import { inOrder } from './timeline.ts';

/** Statuses in which a case is over: it waits on no step. */
const closedStatuses = new Set<Case['status']>(['completed', 'refused', 'terminated']);

/** The case as staff see it (their ability already allowed the read); follow-ups not yet done are listed. */
export function caseView(caseDoc: Case) {
  const { _id, outbox, rev: _rev, ...rest } = caseDoc as Case & { __v?: number };
  delete (rest as { __v?: number }).__v;
  return { id: String(_id), ...rest, timeline: inOrder(caseDoc.timeline ?? []), pendingFollowUps: outbox, statusName: caseStatusNames[caseDoc.status] };
}

/** Timeline entries the public may see: what happened and when, never who or any personal data. */
const publicSteps: Record<string, { zh: string; en: string }> = {
  received: { zh: '收件', en: 'Received' },
  receivedForReview: { zh: '材料审查中', en: 'Materials under review' },
  accepted: { zh: '受理', en: 'Accepted' },
  acceptedWithPendingMaterials: { zh: '容缺受理', en: 'Accepted with missing materials' },
  acceptedOnCommitment: { zh: '承诺受理', en: 'Accepted on commitment' },
  deemedAccepted: { zh: '视为受理', en: 'Deemed accepted' },
  correctionRequested: { zh: '一次性告知补正', en: 'Correction requested' },
  correctionSupplied: { zh: '补正材料已收齐，受理', en: 'Corrections supplied; accepted' },
  pendingMaterialsSupplied: { zh: '容缺材料部分补齐', en: 'Some missing materials supplied' },
  pendingMaterialsComplete: { zh: '容缺材料已补齐', en: 'Missing materials complete' },
  refused: { zh: '不予受理', en: 'Not accepted' },
  terminated: { zh: '终止办理', en: 'Terminated' },
  processStarted: { zh: '转办后台审批', en: 'Dispatched to the back office' },
  taskCreated: { zh: '办理中', en: 'In progress' },
  taskCompleted: { zh: '环节办结', en: 'Step completed' },
  completed: { zh: '办结', en: 'Completed' },
};

export function publicProgressView(caseDoc: Case) {
  return {
    caseNumber: caseDoc.caseNumber,
    matter: caseDoc.matterName,
    applicant: maskName(caseDoc.applicant.name),
    status: caseDoc.status,
    statusName: caseStatusNames[caseDoc.status],
    currentStep: closedStatuses.has(caseDoc.status) ? undefined : caseDoc.currentStep?.name,
    receivedOn: caseDoc.receivedOn,
    acceptedOn: caseDoc.acceptedOn,
    dueDate: caseDoc.dueDate,
    timeline: inOrder(caseDoc.timeline)
      .filter((t) => publicSteps[t.type])
      .map((t) => ({ at: t.at, step: t.type, name: publicSteps[t.type], ...(stepOf(t) ? { stepName: stepOf(t) } : {}) })),
  };
}

/** The name of the process step a task entry speaks of (a BPMN label, never personal data). */
function stepOf(entry: Case['timeline'][number]): string | undefined {
  const step = entry.data?.step;
  return (entry.type === 'taskCreated' || entry.type === 'taskCompleted') && typeof step === 'string' ? step : undefined;
}

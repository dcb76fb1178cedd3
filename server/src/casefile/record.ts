import mongoose, { type Connection } from 'mongoose';
import { attachmentModel, decisionModel } from '../approval/index.ts';
import { subjectOf, type AppAbility } from '../authz/index.ts';
import { delegationModel, type Delegation } from '../delegations/index.ts';
import { caseReads, type Case } from '../intake/index.ts';
import { notFound } from '../shared/errors.ts';
import { taskModel, type TaskDoc } from '../tasks/index.ts';
import type { ActDelegation, RecordStep } from './types.ts';

export type { ActDelegation, RecordStep } from './types.ts';

/** The case as a reader may see it; 404 NOT_FOUND when the user may not read it (as if it did not exist). */
export async function readableCase(db: Connection, ability: AppAbility, caseNumber: string): Promise<Case> {
  const found = await caseReads(db).findOne({ caseNumber }).lean<Case>();
  if (!found || !ability.can('read', subjectOf('Case', found))) throw notFound('case');
  return found;
}

const opinionOf = (task: TaskDoc): string | undefined => {
  const entries = [...(task.history ?? [])].reverse();
  const found = entries.find((e) => typeof e.data?.opinion === 'string' && e.data.opinion !== '');
  return (found?.data?.opinion as string | undefined) ?? (task.completion?.data.opinion as string | undefined);
};

const asAct = (d: Delegation, power: string): ActDelegation => ({
  id: String(d._id), power, departmentCode: d.departmentCode, allMatters: d.allMatters, matterCodes: d.matterCodes,
  validFrom: d.validFromDate, validTo: d.validToDate, grantedBy: d.grantedBy.username,
});

/**
 * Every step of a case, oldest first, with the opinion, the person, the dates and the delegation
 * that allowed the act: for a decision the one whose seal power was used (recorded with the
 * decision); for another step the grantee's delegation naming the step's power that was in force
 * when the step was completed.
 */
export async function caseRecord(db: Connection, caseDoc: Case): Promise<RecordStep[]> {
  const tasks = await taskModel(db).find({ caseNumber: caseDoc.caseNumber }, { form: 0 }).lean<TaskDoc[]>();
  tasks.sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt));
  const decisions = await decisionModel(db).find({ caseNumber: caseDoc.caseNumber }).lean();
  const attachments = await attachmentModel(db).find({ caseNumber: caseDoc.caseNumber }, { data: 0 }).lean();
  const people = [...new Set(tasks.map((t) => t.completedBy).filter((u): u is string => Boolean(u)))];
  const delegations = people.length ? await delegationModel(db).find({ granteeUsername: mongoose.trusted({ $in: people }) }).lean<Delegation[]>() : [];
  return tasks.map((task) => {
    const decision = decisions.find((d) => d.taskKey === task._id);
    let delegation: ActDelegation | undefined;
    if (decision) {
      const used = delegations.find((d) => String(d._id) === decision.sealDelegationId);
      if (used) delegation = asAct(used, 'useSeal');
    } else if (task.authority && task.completedBy && task.closedAt) {
      const at = new Date(task.closedAt);
      const used = delegations.find((d) => d.granteeUsername === task.completedBy && d.powers.includes(task.authority as never)
        && d.departmentCode === task.departmentCode && (d.allMatters || d.matterCodes.includes(task.matterCode ?? ''))
        && new Date(d.validFrom) <= at && at < new Date(d.validUntil) && (!d.revokedAt || at < new Date(d.revokedAt)));
      if (used) delegation = asAct(used, task.authority);
    }
    return {
      key: task._id, kind: task.kind, parentKey: task.parentKey, elementId: task.elementId, step: task.step, name: task.name,
      departmentCode: task.departmentCode,
      state: task.state, createdAt: task.createdAt, closedAt: task.closedAt, assignee: task.assignee, completedBy: task.completedBy,
      outcome: task.outcome, opinion: opinionOf(task), authority: task.authority, delegation,
      attachments: attachments.filter((a) => a.taskKey === task._id).map((a) => ({ id: String(a._id), name: a.name, type: a.type })),
      decision: decision ? { kind: decision.kind, documentId: decision.documentId, documentNumber: decision.documentNumber } : undefined,
    };
  });
}

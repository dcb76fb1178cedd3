import type { JobHandler } from '../engine/index.ts';
import { maskPhone, type IntakeService } from '../intake/index.ts';
import { caseOf, noCase } from '../routing/index.ts';
import type { Notifier } from './notifier.ts';
import { fill, notificationTexts } from './texts.ts';
import type { SupervisionLog } from './supervision.ts';

/**
 * `notify` (通知): tells the applicant (acceptance, correction, decision, ready for pickup) or the
 * staff and director (yellow warning, red overdue). A red one with `escalation: supervise` opens a
 * 督办 record on the case. Idempotent by job key.
 */
export function notificationJobHandlers(deps: { intake: IntakeService; notifier: Notifier; supervision: SupervisionLog }): { notify: JobHandler } {
  return {
    notify: async (job) => {
      const caseDoc = await caseOf(deps.intake, job);
      if (!caseDoc) return noCase(job);
      const template = job.customHeaders.template ?? '';
      const text = notificationTexts[template];
      if (!text) return { outcome: 'fail', retries: 0, errorMessage: `unknown notification template '${template}'` };
      const level = job.customHeaders.level === 'yellow' || job.customHeaders.level === 'red' ? job.customHeaders.level : undefined;
      await deps.notifier.send({
        caseNumber: caseDoc.caseNumber, template, audience: text.audience, level,
        to: text.audience === 'applicant' ? maskPhone(caseDoc.contact.phone) : undefined,
        text: fill(text.zh, { caseNumber: caseDoc.caseNumber, matter: caseDoc.matterName, dueDate: caseDoc.dueDate }),
        sourceKey: `job:${job.key}`,
      });
      if (job.customHeaders.escalation === 'supervise') {
        await deps.supervision.open({ caseNumber: caseDoc.caseNumber, departmentCode: caseDoc.departmentCode, reason: template, elementId: job.elementId, sourceKey: `job:${job.key}` });
      }
      await deps.intake.cases.updateOne({ caseNumber: caseDoc.caseNumber }, {
        $push: { timeline: { at: new Date(), type: level ? (level === 'red' ? 'overdue' : 'dueSoon') : 'notified', data: { template } } },
      });
      return { outcome: 'complete' };
    },
  };
}

import { maskPhone, type IntakeService } from '../intake/index.ts';
import { choice, defineJob } from '../jobs/define.ts';
import { caseVariables, noCase } from '../routing/index.ts';
import type { Notifier } from './notifier.ts';
import { fill, notificationTexts } from './texts.ts';
import type { SupervisionLog } from './supervision.ts';

/**
 * `notify` (通知): tells the applicant (acceptance, correction, decision, ready for pickup) or the
 * staff and director (yellow warning, red overdue). A red one with `escalation: supervise` opens a
 * 督办 record on the case. Idempotent by job key.
 */
export const notifyJob = defineJob({
  type: 'notify', zh: '通知',
  description: '通过通知端口（日志/发件箱，日后接入短信网关）通知申请人或工作人员；预警与超期督办也走此类型。',
  headers: {
    template: choice('通知模板', {
      accepted: '受理通知', correctionRequested: '补正通知', drawingsReturned: '图纸退回通知', decided: '审批决定通知', readyForPickup: '领证通知', issued: '办结通知',
      refused: '不予许可通知', withdrawn: '视为撤回通知', stepDueSoon: '环节预警', stepOverdue: '环节超期', caseDueSoon: '办件预警', caseOverdue: '办件超期',
    }),
    level: choice('预警等级', { none: '无', yellow: '黄色预警', red: '红色超期' }),
    escalation: choice('升级处理', { none: '无', supervise: '督办' }),
  },
  variables: caseVariables,
  writes: [],
  handler: (deps: { intake: IntakeService; notifier: Notifier; supervision: SupervisionLog }) => async (job) => {
    const caseDoc = await deps.intake.ledger.read(job.input.caseId);
    if (!caseDoc) return noCase(job.input.caseId);
    const { template } = job.headers;
    const text = notificationTexts[template]!;
    const level = job.headers.level === 'none' ? undefined : job.headers.level;
    await deps.notifier.send({
      caseNumber: caseDoc.caseNumber, template, audience: text.audience, level,
      to: text.audience === 'applicant' ? maskPhone(caseDoc.contact.phone) : undefined,
      text: fill(text.zh, { caseNumber: caseDoc.caseNumber, matter: caseDoc.matterName, dueDate: caseDoc.dueDate }),
      sourceKey: `job:${job.key}`,
    });
    if (job.headers.escalation === 'supervise') {
      await deps.supervision.open({ caseNumber: caseDoc.caseNumber, departmentCode: caseDoc.departmentCode, reason: template, elementId: job.elementId, sourceKey: `job:${job.key}` });
    }
    await deps.intake.ledger.append(caseDoc.caseNumber, `job:${job.key}`, { type: level ? (level === 'red' ? 'overdue' : 'dueSoon') : 'notified', data: { template } });
    return { outcome: 'complete' };
  },
});

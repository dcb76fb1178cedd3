import { consultationPhone, issuingBody, type Department } from '../catalog/index.ts';
import { z } from 'zod';
import type { IntakeService, NoticeIssuer } from '../intake/index.ts';
import { choice, defineJob } from '../jobs/define.ts';
import { caseVariables, noCase } from '../routing/index.ts';
import { unitReturns } from './return-notice.ts';

const unitOpinion = z.object({ unit: z.string(), outcome: z.enum(['pass', 'return', 'expertReview']).nullable().default(null), opinion: z.string().nullable().default(null) }).loose();

/**
 * `renderDocument` (生成文书) for the documents of back-office review:
 * - `correctionNotice`: what to correct during review (补正), as a `reviewReturn` notice — the
 *   clock stops until the corrections are received (the `receive` job of stage `correction` resumes it);
 * - `drawingsReturnNotice`: every unit's return opinion with its itemised problems in one
 *   `reviewReturn` notice (联合审图 一次性退回) — the clock stops until the revised drawings are received;
 * - `jointReviewOpinion`: the consolidated joint review opinion (综合审图意见书) of all units;
 * - `refusalDecision`: the reasons of a refusal, for the decision the `seal` job issues.
 * Idempotent: a document kind the case already holds for this job is not issued twice.
 */
export const renderDocumentJob = defineJob({
  type: 'renderDocument', zh: '生成文书',
  description: '用文书模板生成 PDF（补正告知书、不予许可决定书、审图退回意见书、综合审图意见书等）并保存其哈希与核验码。',
  headers: {
    documentKind: choice('文书类型', { correctionNotice: '补正告知书', refusalDecision: '不予许可决定书', drawingsReturnNotice: '审图退回意见书', jointReviewOpinion: '综合审图意见书' }),
  },
  variables: caseVariables.extend({ opinion: z.string().nullish(), unitOpinions: z.array(unitOpinion).nullish() }),
  writes: ['documentId', 'refusalReasons'],
  handler: (deps: { intake: IntakeService; documents: NoticeIssuer }) => async (job) => {
    const caseDoc = await deps.intake.ledger.read(job.input.caseId);
    if (!caseDoc) return noCase(job.input.caseId);
    const kind = job.headers.documentKind;
    const today = deps.intake.today();
    const issuedKind = `${kind}:${job.key}`;
    const already = caseDoc.documents.find((d) => d.kind === issuedKind);
    if (already) return { outcome: 'complete', variables: { documentId: already.documentId } };

    const department = await deps.intake.catalog.departments.findOne({ code: caseDoc.departmentCode }).lean<Department>();
    const names = new Map((await deps.intake.catalog.departments.find({}).lean<Department[]>()).map((d) => [d.code, d.nameZh]));
    const opinions = job.input.unitOpinions ?? [];
    const base = {
      agency: issuingBody(department, caseDoc.departmentCode),
      documentNumber: caseDoc.caseNumber, caseNumber: caseDoc.caseNumber,
      applicant: { name: caseDoc.applicant.name }, matter: { name: caseDoc.matterName },
      receivedOn: caseDoc.receivedOn, issuedOn: today,
    };
    const calendar = await deps.intake.calendar.calendar();
    // The date the notice gives for the corrections (local practice; the law names none).
    const supplyBy = (workingDays: number) => calendar.addWorkingDays(today, workingDays);
    let templateKind: string;
    let data: Record<string, unknown>;
    let pause: string | undefined;
    switch (kind) {
      case 'correctionNotice':
      case 'drawingsReturnNotice': {
        // a return during review is no intake correction (行政许可法第三十二条): the case stands accepted
        const drawings = kind === 'drawingsReturnNotice';
        const { units, missing } = await unitReturns(deps.intake.cases.db, caseDoc, drawings ? opinions : [{ unit: caseDoc.departmentCode, outcome: 'return', opinion: job.input.opinion ?? '' }], names, drawings ? 'drawings' : 'correction');
        // wait (a few retries) for the itemised problems rather than print the opinion alone
        if (missing.length > 0 && job.retries > 1) return { outcome: 'fail', retries: job.retries - 1, retryBackoffMs: 1000, errorMessage: `return items of ${missing.join(', ')} not recorded yet` };
        templateKind = 'reviewReturn';
        data = {
          ...base, acceptedOn: caseDoc.acceptedOn ?? caseDoc.receivedOn, units,
          title: drawings ? '施工图设计文件审查退回修改通知书' : '审查期间补正材料通知书',
          subject: drawings ? '施工图设计文件' : '申请材料',
          expertUnits: opinions.filter((o) => o.outcome === 'expertReview').map((o) => names.get(o.unit) ?? o.unit),
          resubmitBy: supplyBy(drawings ? 60 : 20), resubmitMethod: '通过政务服务中心综合窗口重新报审',
          resubmitReview: drawings ? '各审查单位对修改后的全部图纸重新进行审查。' : '本机关继续审查，不再重新受理。',
          phone: consultationPhone(null, department),
        };
        pause = drawings ? '联合审图退回修改（修改期间不计时）' : '审查中退回补正（补正期间不计时）';
        break;
      }
      case 'jointReviewOpinion':
        templateKind = 'jointReviewOpinion';
        data = { ...base, units: opinions.map((o) => ({ name: names.get(o.unit) ?? o.unit, outcome: o.outcome === 'pass' ? '通过' : o.outcome === 'return' ? '退回修改' : '专家评审', opinion: o.opinion ?? '无意见' })), conclusion: job.input.opinion ?? '经联合审查，施工图设计文件符合要求。' };
        break;
      case 'refusalDecision':
        return { outcome: 'complete', variables: { refusalReasons: [job.input.opinion ?? '不符合法定条件'].filter(Boolean) } };
      default:
        return { outcome: 'fail', retries: 0, errorMessage: `unknown documentKind '${String(kind)}'` };
    }
    const issued = await deps.documents.issue({ kind: templateKind, data, ref: caseDoc, issuedBy: 'system', once: `render:${job.key}` });
    await deps.intake.ledger.attachDocument(caseDoc.caseNumber, `job:${job.key}`,
      { kind: issuedKind, documentId: issued.documentId, verificationCode: issued.verificationCode, issuedAt: deps.intake.now() },
      { type: kind, data: { verificationCode: issued.verificationCode } });
    if (pause) await deps.intake.ledger.pauseClock(caseDoc.caseNumber, today, pause);
    return { outcome: 'complete', variables: { documentId: issued.documentId } };
  },
});

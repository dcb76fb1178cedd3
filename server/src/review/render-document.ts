import { consultationPhone, issuingBody, type Department } from '../catalog/index.ts';
import type { JobHandler } from '../engine/index.ts';
import type { IntakeService, NoticeIssuer } from '../intake/index.ts';
import { caseOf, noCase } from '../routing/index.ts';
import { unitReturns } from './return-notice.ts';

interface UnitOpinion {
  unit: string;
  outcome: 'pass' | 'return' | 'expertReview' | null;
  opinion: string | null;
}

const unitOpinionsOf = (value: unknown): UnitOpinion[] => (Array.isArray(value) ? value.filter((o): o is UnitOpinion => Boolean(o) && typeof o === 'object' && typeof (o as UnitOpinion).unit === 'string') : []);

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
export function reviewJobHandlers(deps: { intake: IntakeService; documents: NoticeIssuer }): { renderDocument: JobHandler } {
  return {
    renderDocument: async (job) => {
      const caseDoc = await caseOf(deps.intake, job);
      if (!caseDoc) return noCase(job);
      const kind = job.customHeaders.documentKind;
      const today = deps.intake.today();
      const issuedKind = `${kind}:${job.key}`;
      const already = caseDoc.documents.find((d) => d.kind === issuedKind);
      if (already) return { outcome: 'complete', variables: { documentId: already.documentId } };

      const department = await deps.intake.catalog.departments.findOne({ code: caseDoc.departmentCode }).lean<Department>();
      const names = new Map((await deps.intake.catalog.departments.find({}).lean<Department[]>()).map((d) => [d.code, d.nameZh]));
      const opinions = unitOpinionsOf(job.variables.unitOpinions);
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
          const { units, missing } = await unitReturns(deps.intake.cases.db, caseDoc, drawings ? opinions : [{ unit: caseDoc.departmentCode, outcome: 'return', opinion: String(job.variables.opinion ?? '') }], names, drawings ? 'drawings' : 'correction');
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
          data = { ...base, units: opinions.map((o) => ({ name: names.get(o.unit) ?? o.unit, outcome: o.outcome === 'pass' ? '通过' : o.outcome === 'return' ? '退回修改' : '专家评审', opinion: o.opinion ?? '无意见' })), conclusion: String(job.variables.opinion ?? '经联合审查，施工图设计文件符合要求。') };
          break;
        case 'refusalDecision':
          return { outcome: 'complete', variables: { refusalReasons: [String(job.variables.opinion ?? '不符合法定条件')].filter(Boolean) } };
        default:
          return { outcome: 'fail', retries: 0, errorMessage: `unknown documentKind '${String(kind)}'` };
      }
      const issued = await deps.documents.issue({ kind: templateKind, data, ref: caseDoc, issuedBy: 'system' });
      await deps.intake.cases.updateOne({ caseNumber: caseDoc.caseNumber }, {
        $push: {
          documents: { kind: issuedKind, documentId: issued.documentId, verificationCode: issued.verificationCode, issuedAt: new Date() },
          timeline: { at: new Date(), type: kind, data: { verificationCode: issued.verificationCode } },
        },
      });
      if (pause) await deps.intake.caseClock.pause(caseDoc.caseNumber, today, pause);
      return { outcome: 'complete', variables: { documentId: issued.documentId } };
    },
  };
}

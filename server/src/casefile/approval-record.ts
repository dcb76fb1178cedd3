import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { issuingBodyOf, catalogModels } from '../catalog/index.ts';
import { documentKinds, type DocumentKind, type DocumentService, type IssuedRef } from '../documents/index.ts';
import { caseStatusNames, type Case } from '../intake/index.ts';
import type { ActDelegation, RecordStep } from './record.ts';

/** The outcomes a step records, as the 审批表 names them. */
const outcomeNames: Record<string, string> = {
  approved: '同意', rejected: '不予许可', returned: '退回', returnedForCorrection: '退回补正', agree: '同意', disagree: '不同意',
  handedOver: '已送达', canceled: '已撤销',
};
const powerNames: Record<string, string> = { decide: '审批决定权', coordinate: '组织协调权', reviewAndReport: '审核上报权', useSeal: '行政审批专用章使用权' };

const inHall = (at: Date | string) => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString();
const dateTime = (at: Date | string) => { const s = inHall(at); return `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`; };
const day = (at: Date | string) => dateTime(at).split(' ')[0];
const delegationText = (d: ActDelegation | undefined) => d
  ? `${powerNames[d.power] ?? d.power}（${d.allMatters ? '全部事项' : d.matterCodes.join('、')}，${d.validFrom} 至 ${d.validTo}，授权人 ${d.grantedBy}）`
  : '—';

/** The template data of the 审批表: each finished or open step, then the documents the case produced. */
export function approvalRecordData(caseDoc: Case, steps: RecordStep[], names: Map<string, string>) {
  return {
    caseNumber: caseDoc.caseNumber, applicant: { name: caseDoc.applicant.name }, matter: { name: caseDoc.matterName },
    receivedOn: caseDoc.receivedOn, status: caseStatusNames[caseDoc.status]?.zh ?? caseDoc.status,
    steps: steps.filter((s) => s.state !== 'canceled').map((s) => ({
      name: s.kind === 'signature' ? `${s.name}（加签）` : s.name,
      unit: s.step === 'unitReview' && s.departmentCode ? names.get(s.departmentCode) ?? s.departmentCode : undefined,
      by: s.completedBy ?? s.assignee ?? '—', at: s.closedAt ? dateTime(s.closedAt) : `${dateTime(s.createdAt)} 起办理中`,
      outcome: s.outcome ? outcomeNames[s.outcome] ?? s.outcome : '办理中', opinion: s.opinion ?? '—', delegation: delegationText(s.delegation),
    })),
    documents: caseDoc.documents.filter((d) => !d.kind.startsWith('approvalRecord')).map((d) => {
      const kind = d.kind.split(':')[0];
      const known = kind in documentKinds ? documentKinds[kind as DocumentKind].zh : kind;
      return { kind: kind === 'drawingsReturnNotice' ? '审查退回修改通知书' : known, at: day(d.issuedAt), code: d.verificationCode };
    }),
  };
}

/**
 * Issues the 审批表 as a sealed PDF of the department that carries the case. The same record issued
 * again (nothing happened since) returns the document stored the first time.
 */
export async function issueApprovalRecord(
  db: Connection, documents: DocumentService, caseDoc: Case, steps: RecordStep[], issuedBy: string,
): Promise<IssuedRef> {
  const catalog = catalogModels(db);
  const names = new Map((await catalog.departments.find({}, { code: 1, nameZh: 1 }).lean()).map((d) => [d.code, d.nameZh]));
  const data = approvalRecordData(caseDoc, steps, names);
  const agency = await issuingBodyOf(catalog.departments, caseDoc.departmentCode);
  const digest = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
  return documents.issue({ kind: 'approvalRecord', data: { ...data, agency }, ref: { caseNumber: caseDoc.caseNumber, departmentCode: caseDoc.departmentCode, matterCode: caseDoc.matterCode }, issuedBy, once: `approvalRecord:${caseDoc.caseNumber}:${digest}` });
}

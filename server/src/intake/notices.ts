import { issuingBody, type Department, type Matter } from '../catalog/index.ts';
import type { Case } from './case.model.ts';
import { maskPhone } from './identity.ts';

/**
 * The data each notice template reads (templates/<kind>/sample.json shows the fields; DOMAIN.md
 * §2.2 says why each is there). The implementing body on every notice is the department (委托受理:
 * the hall receives on the department's behalf), never the hall.
 */
export interface NoticeContext {
  caseDoc: Case;
  matter: Matter;
  department: Department;
  /** the person who received the application (their name, not their login) */
  receiverName: string;
  /** 咨询电话: the receiving window's, else the department's, else the hall's hotline */
  consultationPhone: string;
  today: string;
}

/**
 * The person's name in a display name: the seed's staff read "<post> <name>" (综合窗口 王敏), a
 * notice names the person (王敏).
 */
export function personName(displayName: string): string {
  const parts = displayName.trim().split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

const remedies = (department: Department) => ({
  // 行政复议法: 60 days to apply for reconsideration; 行政诉讼法: 6 months to sue.
  reconsiderationBody: '中卫市人民政府',
  reconsiderationDays: 60,
  court: '中卫市沙坡头区人民法院',
  litigationMonths: 6,
  agency: department.nameZh,
});

function base(ctx: NoticeContext) {
  const { caseDoc } = ctx;
  return {
    agency: { ...issuingBody(ctx.department, ctx.caseDoc.departmentCode), phone: ctx.consultationPhone },
    caseNumber: caseDoc.caseNumber,
    documentNumber: caseDoc.caseNumber,
    applicant: { name: caseDoc.applicant.name, contactPerson: caseDoc.contact.name, phone: maskPhone(caseDoc.contact.phone) },
    matter: { name: ctx.matter.nameZh, code: ctx.matter.implementationCode },
    applicationDate: caseDoc.receivedOn,
    issuedOn: ctx.today,
    receiver: { name: ctx.receiverName, window: `${caseDoc.windowNumber} 号窗口`, phone: ctx.consultationPhone },
  };
}

const materialRows = (caseDoc: Case, matter: Matter, which: (name: string) => boolean) =>
  matter.materials.filter((m) => which(m.name)).map((m) => ({ name: m.name, originals: m.originals, copies: m.copies, form: m.obtainableBySharing ? '电子' : '纸质' }));

export function receiptData(ctx: NoticeContext) {
  const provided = new Set(ctx.caseDoc.materials.filter((m) => m.provided).map((m) => m.name));
  return {
    ...base(ctx), receivedAt: ctx.caseDoc.receivedOn, materials: materialRows(ctx.caseDoc, ctx.matter, (n) => provided.has(n)),
    // 行政许可法第三十二条: received for review — the date by which acceptance is decided, silence = accepted
    decideBy: ctx.caseDoc.status === 'received' ? ctx.caseDoc.correctionNoticeDeadline : undefined,
  };
}

export function acceptanceData(ctx: NoticeContext) {
  const { caseDoc, matter } = ctx;
  const provided = new Set(caseDoc.materials.filter((m) => m.provided).map((m) => m.name));
  return {
    ...base(ctx),
    legalBasis: '《中华人民共和国行政许可法》第三十二条',
    acceptedOn: caseDoc.acceptedOn,
    statutoryDays: matter.legalLimit.value,
    promisedDays: matter.promisedDays,
    promisedDueDate: caseDoc.dueDate,
    deemed: caseDoc.acceptanceMode === 'deemed',
    // a stored case carries an empty commitment object unless it was accepted on commitment
    commitment: caseDoc.acceptanceMode === 'commitment' ? caseDoc.commitment : false,
    materials: materialRows(caseDoc, matter, (n) => provided.has(n)),
  };
}

export function conditionalAcceptanceData(ctx: NoticeContext) {
  const { caseDoc, matter } = ctx;
  return {
    ...base(ctx),
    acceptedOn: caseDoc.acceptedOn,
    supplyBy: caseDoc.pendingMaterials?.supplyBy,
    supplyMethod: '窗口现场提交或邮寄',
    missing: (caseDoc.pendingMaterials?.names ?? []).map((name) => ({ name, requirement: '按办事指南要求提交' })),
    consequence: '逾期未补齐的，终止办理并退回申请材料，由此产生的后果由申请人承担。',
    promisedDays: matter.promisedDays,
    promisedDueDate: caseDoc.dueDate,
  };
}

export function correctionData(ctx: NoticeContext) {
  const correction = ctx.caseDoc.correction!;
  return {
    ...base(ctx),
    receivedOn: ctx.caseDoc.receivedOn,
    items: correction.items,
    supplyBy: correction.supplyBy,
    supplyMethod: '窗口现场提交',
  };
}

export function refusalData(ctx: NoticeContext) {
  return {
    ...base(ctx),
    reasons: ctx.caseDoc.refusal!.reasons,
    competentBody: ctx.caseDoc.refusal!.competentBody,
    remedies: remedies(ctx.department),
  };
}

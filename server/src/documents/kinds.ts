/** Every official document the hall issues; each has `templates/<kind>/template.hbs` and `sample.json`. */
export const documentKinds = {
  receipt: { zh: '收件回执', en: 'Receipt for application materials' },
  acceptance: { zh: '受理通知书', en: 'Acceptance notice' },
  conditionalAcceptance: { zh: '容缺受理通知书', en: 'Notice of acceptance with missing materials' },
  correction: { zh: '补正材料通知书', en: 'Notice to supplement materials (one-time notice)' },
  refusal: { zh: '不予受理通知书', en: 'Notice of non-acceptance' },
  licenceGrant: { zh: '准予行政许可决定书', en: 'Decision granting the licence' },
  licenceRefusal: { zh: '不予行政许可决定书', en: 'Decision refusing the licence' },
  certificate: { zh: '证照', en: 'Certificate' },
  jointReviewOpinion: { zh: '综合审图意见书', en: 'Consolidated joint drawing-review opinion' },
  reviewReturn: { zh: '审查退回修改（补正）通知书', en: 'Notice returning an accepted application for revision during review' },
  approvalRecord: { zh: '行政许可审批表', en: 'Approval record of a case (each step, opinion, person, delegation)' },
  serviceReceipt: { zh: '送达回证', en: 'Proof of service of the certificates handed over together (一件事统一出件)' },
} as const;

export type DocumentKind = keyof typeof documentKinds;

export const kindList = Object.keys(documentKinds) as [DocumentKind, ...DocumentKind[]];

export function isDocumentKind(value: string): value is DocumentKind {
  return Object.hasOwn(documentKinds, value);
}

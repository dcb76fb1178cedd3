/**
 * Stored enum values of the catalogue (English) and their Chinese names, in one place.
 * The seed maps the plan's Chinese labels through these tables.
 */
export const windowCategories = {
  comprehensive: { zh: '综合无差别受理窗口', en: 'Comprehensive (no-distinction) window' },
  businessStartup: { zh: '企业开办窗口', en: 'Business start-up' },
  publicSecurity: { zh: '公安窗口', en: 'Public security' },
  exitEntry: { zh: '出入境窗口', en: 'Exit-entry administration' },
  shapotouImmediate: { zh: '沙坡头区即办窗口', en: 'Shapotou district immediate-handling' },
  taxation: { zh: '税务窗口', en: 'Taxation' },
  realEstate: { zh: '不动产登记窗口', en: 'Real-estate registration' },
  housingSecurity: { zh: '住房保障窗口', en: 'Housing security' },
  propertyTransactions: { zh: '房产交易窗口', en: 'Property transactions' },
  providentFund: { zh: '住房公积金窗口', en: 'Housing provident fund' },
  bank: { zh: '银行窗口', en: 'Bank' },
  transport: { zh: '交通运政窗口', en: 'Transport administration' },
  utilitiesAndSeals: { zh: '电、气、水、刻章窗口', en: 'Electricity, gas, water and seal-engraving' },
  mediaAndCredit: { zh: '传媒和征信窗口', en: 'Media and credit-reference' },
} as const;
export type WindowCategory = keyof typeof windowCategories;

/** 事项类型 (national task_type codes). */
export const matterTypes = {
  '01': { zh: '行政许可', en: 'Administrative licence' },
  '02': { zh: '行政处罚', en: 'Administrative penalty' },
  '03': { zh: '行政强制', en: 'Administrative coercion' },
  '04': { zh: '行政征收', en: 'Administrative levy' },
  '05': { zh: '行政给付', en: 'Administrative payment' },
  '06': { zh: '行政检查', en: 'Administrative inspection' },
  '07': { zh: '行政确认', en: 'Administrative confirmation' },
  '08': { zh: '行政奖励', en: 'Administrative reward' },
  '09': { zh: '行政裁决', en: 'Administrative adjudication' },
  '10': { zh: '其他行政权力', en: 'Other administrative power' },
  '20': { zh: '公共服务', en: 'Public service' },
} as const;
export type MatterTypeCode = keyof typeof matterTypes;

/** 办件类型: 即办件 decided on the spot, 承诺件 within the promised limit. */
export const handlingTypes = {
  immediate: { zh: '即办件', en: 'Immediate' },
  promised: { zh: '承诺件', en: 'Promised' },
} as const;
export type HandlingType = keyof typeof handlingTypes;

export const processTemplates = {
  immediate: { zh: '即办件流程', en: 'Immediate matter' },
  singleDepartment: { zh: '单部门审批', en: 'Single-department approval' },
  parallelApproval: { zh: '并联审批', en: 'Parallel approval' },
  jointDrawingReview: { zh: '联合审图', en: 'Joint drawing review' },
} as const;
export type ProcessTemplate = keyof typeof processTemplates;

export const limitUnits = {
  workingDays: { zh: '工作日', en: 'working days' },
  days: { zh: '日', en: 'days' },
  immediate: { zh: '即办', en: 'on the spot' },
} as const;
export type LimitUnit = keyof typeof limitUnits;

export const resultKinds = {
  certificate: { zh: '证照', en: 'Certificate or licence' },
  approvalDocument: { zh: '批文', en: 'Approval document' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type ResultKind = keyof typeof resultKinds;

export const keyOf = <T extends Record<string, { zh: string }>>(table: T, zh: string): keyof T | undefined =>
  (Object.keys(table) as (keyof T)[]).find((key) => table[key].zh === zh);

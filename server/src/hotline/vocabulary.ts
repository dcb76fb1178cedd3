/** The hotline's stored values (English; the UI translates), shared with the browser: no database imports here. */

/** 咨询, 求助, 投诉, 建议, 举报 (GB/T 39666 groups). */
export const hotlineCategories = ['consultation', 'help', 'complaint', 'suggestion', 'report'] as const;
export type HotlineCategory = (typeof hotlineCategories)[number];

export const hotlineUrgencies = ['normal', 'urgent'] as const;
export type HotlineUrgency = (typeof hotlineUrgencies)[number];

/**
 * Where a work order (工单) stands (DOMAIN.md §10): 待派单 → 直接办结 | 办理中 (待签收 / 已签收 /
 * 退单审核 / 延期审核) → 待回访 → 已办结. 重办 sends it back to `handling`.
 */
export const hotlineStates = ['pendingDispatch', 'handling', 'sendBackReview', 'extensionReview', 'callBack', 'closed', 'closedDirectly'] as const;
export type HotlineState = (typeof hotlineStates)[number];

/** The five national levels (国办发〔2019〕51号), best first; the last two are 差评. */
export const satisfactionLevels = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
export type SatisfactionLevel = (typeof satisfactionLevels)[number];

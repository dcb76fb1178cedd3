/**
 * The job types of the hall's service tasks, as the element templates offer them to designers. The
 * workers are registered in the hall's composition (server/src/hall.ts), which also hands the
 * processes route the set of registered types; workflows.test.ts checks that the workflows, this
 * list and the registered workers agree. Without a composition (tests of this feature alone), the
 * route falls back to this list.
 */
export const hallJobTypes = [
  'receive', // 收件
  'transfer', // 按责转办
  'seal', // 用印
  'prepareCertificate', // 缮证
  'issue', // 发证
  'notify', // 通知
  'renderDocument', // 生成文书
] as const;

export type HallJobType = (typeof hallJobTypes)[number];

export { USER_TASK_JOB_TYPE } from '../engine/index.ts';

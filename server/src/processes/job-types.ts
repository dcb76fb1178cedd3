/**
 * The job types of the hall's service tasks. The BPMN files in `workflows/` and the element
 * templates use exactly these; a test checks that every job type in a workflow is listed here and
 * every type listed here is used. Until job workers register their handlers, the processes route
 * accepts a BPMN only if each of its job types is in the set it is given (by default this one).
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

/** The job type Zeebe gives a job-based user task; never a service-task type of ours. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

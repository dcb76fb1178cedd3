/** The job type Zeebe gives a job-based user task (written once, in the engine port). */
export { USER_TASK_JOB_TYPE } from '../engine/index.ts';

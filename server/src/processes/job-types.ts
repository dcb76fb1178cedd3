/** The job type Zeebe gives a job-based user task; never a service-task type of ours. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

import type { Job, UserTask } from '../port.ts';

/**
 * Job-based user tasks: Zeebe creates a job of type USER_TASK_JOB_TYPE (port.ts) for every
 * `bpmn:userTask` without `zeebe:userTask`, and carries the task's assignment, schedule and form as
 * job headers.
 */

const PREFIX = 'io.camunda.zeebe:';
export const userTaskHeaders = {
  assignee: `${PREFIX}assignee`,
  candidateGroups: `${PREFIX}candidateGroups`,
  candidateUsers: `${PREFIX}candidateUsers`,
  dueDate: `${PREFIX}dueDate`,
  followUpDate: `${PREFIX}followUpDate`,
  formKey: `${PREFIX}formKey`,
} as const;

/** Candidate lists arrive as a JSON array in a string (`["dept:zjj"]`); older brokers sent `a,b`. */
export function parseList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String).filter(Boolean);
  } catch {
    // not JSON: a comma-separated list
  }
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Zeebe writes a date-time without zero seconds (`…T08:00Z`); the port speaks ISO 8601 with seconds (`…T08:00:00Z`), offset kept. */
export const fullIsoDate = (value: string): string => value.replace(/T(\d{2}:\d{2})(?=Z|[+-]\d{2}:?\d{2}|$)/, 'T$1:00');

/** The user task a `io.camunda.zeebe:userTask` job stands for; its key is the job key. */
export function userTaskOf(job: Job, name: string | undefined, createdAt: Date): UserTask {
  const h = job.customHeaders;
  const own = Object.fromEntries(Object.entries(h).filter(([k]) => !k.startsWith(PREFIX)));
  return {
    key: job.key,
    processInstanceKey: job.processInstanceKey,
    processId: job.processId,
    processVersion: job.processVersion,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    ...(name ? { name } : {}),
    ...(h[userTaskHeaders.assignee] ? { assignee: h[userTaskHeaders.assignee] } : {}),
    candidateGroups: parseList(h[userTaskHeaders.candidateGroups]),
    candidateUsers: parseList(h[userTaskHeaders.candidateUsers]),
    ...(h[userTaskHeaders.dueDate] ? { dueDate: fullIsoDate(h[userTaskHeaders.dueDate]) } : {}),
    ...(h[userTaskHeaders.followUpDate] ? { followUpDate: fullIsoDate(h[userTaskHeaders.followUpDate]) } : {}),
    ...(h[userTaskHeaders.formKey] ? { formKey: h[userTaskHeaders.formKey] } : {}),
    customHeaders: own,
    variables: job.variables,
    createdAt: createdAt.toISOString(),
  };
}

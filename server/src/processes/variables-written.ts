import { extension, flowElements, walkTree } from './bpmn-walk.ts';
import { jobDefinitions } from '../jobs/index.ts';
import type { ModdleElement } from './moddle.ts';

/** What a case starts with (intake/process-starter.ts). */
export const startVariables = [
  'caseId', 'caseNumber', 'matterCode', 'departmentCode', 'handlingType', 'acceptanceMode', 'acceptedOn', 'dueDate',
  'pendingMaterials', 'commitmentVerifyBy', 'applicantName', 'applicantKind',
  // 12345 work orders and 差评整改 (issue 18): hotline/orders.ts processVariables, ratings/service.ts
  'orderNumber', 'leadDepartment', 'handleDueAt', 'superviseAt', 'ratingId', 'ratedDepartment', 'rectifyDueAt',
] as const;

/** What each of the hall's workers writes when its job completes (its definition's `writes`, jobs/index.ts). */
export const jobWrites: ReadonlyMap<string, readonly string[]> = new Map(jobDefinitions.map((d) => [d.type, d.writes]));

/** What the task actions write when they complete a user task (approval/actions.ts, issuing). */
export const taskCompletionWrites = [
  'reviewOutcome', 'opinion', 'decision', 'decisionId', 'refusalReasons', 'returnTo', 'unitOutcome', 'serviceMethod',
  // hotline steps (hotline/actions.ts) and rectification steps (ratings/rectification.ts)
  'hotlineOutcome', 'rectifyOutcome', 'contestOutcome',
] as const;

/** What the hall's messages carry (correctionSubmitted, drawingsResubmitted). */
export const messageWrites = ['supplemented', 'resubmitted'] as const;

/**
 * Every variable a case of this process can hold before a condition reads it: the start variables,
 * the writes of the job types the process uses, task completions when it has user tasks, message
 * variables when it waits for a message, and every mapping or multi-instance target it declares.
 */
export function variablesWritten(process: ModdleElement): Set<string> {
  const written = new Set<string>(startVariables);
  for (const element of flowElements(process)) {
    const type = extension(element, 'zeebe:TaskDefinition')?.get('type');
    if (typeof type === 'string') jobWrites.get(type)?.forEach((v) => written.add(v));
    if (element.$instanceOf('bpmn:UserTask')) taskCompletionWrites.forEach((v) => written.add(v));
    if (element.$instanceOf('bpmn:ReceiveTask') || element.$instanceOf('bpmn:CatchEvent')) messageWrites.forEach((v) => written.add(v));
  }
  walkTree(process, (element) => {
    if (element.$type === 'zeebe:Output' || element.$type === 'zeebe:Input') add(written, element.get('target'));
    if (element.$type === 'zeebe:LoopCharacteristics') {
      add(written, element.get('outputCollection'));
      add(written, element.get('inputElement'));
    }
  });
  return written;
}

const add = (set: Set<string>, value: unknown) => {
  if (typeof value === 'string' && value) set.add(value.split('.')[0]);
};

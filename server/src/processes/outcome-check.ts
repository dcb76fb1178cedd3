import type { FieldProblem } from '../shared/errors.ts';
import { extension, flowElements } from './bpmn-walk.ts';
import type { ModdleElement } from './moddle.ts';

/** Job types after which a case has its outcome: the sealed decision (准予 / 不予) or the certificate handed over. */
const OUTCOME_JOB_TYPES = new Set(['seal', 'issue']);

const jobType = (element: ModdleElement) => extension(element, 'zeebe:TaskDefinition')?.get('type') as string | undefined;
const isOutcome = (element: ModdleElement) => OUTCOME_JOB_TYPES.has(jobType(element) ?? '');
const definitions = (element: ModdleElement) => (element.get('eventDefinitions') as ModdleElement[] | undefined) ?? [];
const isPlainEnd = (element: ModdleElement) => element.$instanceOf('bpmn:EndEvent') && !definitions(element).length;
/**
 * Where the walk stops besides an outcome: a message from outside (withdrawal, resubmission — the
 * sender settles the case's state) and a non-interrupting boundary event (its branch ends alone,
 * the process goes on).
 */
const isBarrier = (element: ModdleElement) =>
  (element.$instanceOf('bpmn:CatchEvent') && definitions(element).some((d) => d.$instanceOf('bpmn:MessageEventDefinition')))
  || element.$instanceOf('bpmn:ReceiveTask')
  || (element.$instanceOf('bpmn:BoundaryEvent') && element.get('cancelActivity') === false);

/**
 * Plain end events of the process (outside sub-processes) that a case can reach from a start
 * event without passing a step that gives it an outcome (`seal` or `issue`): such a path ends the
 * process while the case still waits for a decision (intake/process-end.ts keeps it accepted and
 * lists it as stuck). A warning, not a refusal: a path may end on purpose.
 */
export function endsWithoutOutcome(process: ModdleElement): FieldProblem[] {
  const elements = [...flowElements(process)];
  const boundaries = new Map<string, ModdleElement[]>();
  for (const e of elements) {
    const host = e.$instanceOf('bpmn:BoundaryEvent') ? (e.get('attachedToRef') as ModdleElement | undefined)?.id : undefined;
    if (host) boundaries.set(host, [...(boundaries.get(host) ?? []), e]);
  }
  const topLevel = new Set(((process.get('flowElements') as ModdleElement[] | undefined) ?? []).map((e) => e.id));
  const starts = elements.filter((e) => e.$instanceOf('bpmn:StartEvent') && topLevel.has(e.id));
  const seen = new Set<string>();
  const queue = [...starts];
  const reached: ModdleElement[] = [];
  while (queue.length) {
    const element = queue.shift()!;
    if (seen.has(element.id!)) continue;
    seen.add(element.id!);
    if (isOutcome(element) || isBarrier(element)) continue;
    if (isPlainEnd(element) && topLevel.has(element.id)) reached.push(element);
    for (const flow of (element.get('outgoing') as ModdleElement[] | undefined) ?? []) {
      const target = flow.get('targetRef') as ModdleElement | undefined;
      if (target) queue.push(target);
    }
    queue.push(...(boundaries.get(element.id!) ?? []));
    // a sub-process is walked from its own start events
    if (element.$instanceOf('bpmn:SubProcess')) queue.push(...(((element.get('flowElements') as ModdleElement[] | undefined) ?? []).filter((e) => e.$instanceOf('bpmn:StartEvent'))));
  }
  return reached.map((end) => ({
    field: end.id!,
    message: 'end-without-outcome: a case can reach this end event without a decision being sealed (seal) or a certificate issued (issue); it would stay accepted and be listed as stuck',
  }));
}

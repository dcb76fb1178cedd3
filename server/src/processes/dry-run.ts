import type { FieldProblem } from '../shared/errors.ts';
import { flowElements } from './bpmn-walk.ts';
import { feelNames } from './feel-names.ts';
import type { ModdleElement } from './moddle.ts';
import { variablesWritten } from './variables-written.ts';

/** How many element visits the walk allows before it stops and says so (a bound, not a budget). */
export const DRY_RUN_MAX_STEPS = 20_000;

const list = (element: ModdleElement, name: string) => (element.get(name) as ModdleElement[] | undefined) ?? [];
const targetOf = (flow: ModdleElement) => flow.get('targetRef') as ModdleElement | undefined;

/**
 * The graph a token can travel: along sequence flows, onto a boundary event of the host it sits
 * on, into a sub-process's start events, and out of a sub-process when one of its end events
 * completes. `END` is the process completing.
 */
function successorsOf(process: ModdleElement): Map<string, string[]> {
  const next = new Map<string, string[]>();
  const add = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const element of flowElements(process)) {
    const id = element.id!;
    if (!element.$instanceOf('bpmn:FlowNode')) continue;
    next.set(id, next.get(id) ?? []);
    for (const flow of list(element, 'outgoing')) {
      const target = targetOf(flow);
      if (target?.id) add(id, target.id);
    }
    const host = element.$instanceOf('bpmn:BoundaryEvent') ? (element.get('attachedToRef') as ModdleElement | undefined) : undefined;
    if (host?.id) add(host.id, id);
    if (element.$instanceOf('bpmn:SubProcess')) {
      for (const inner of list(element, 'flowElements')) if (inner.$instanceOf('bpmn:StartEvent')) add(id, inner.id!);
    }
    if (element.$instanceOf('bpmn:EndEvent')) {
      const parent = element.$parent;
      if (parent?.$instanceOf('bpmn:SubProcess')) for (const flow of list(parent, 'outgoing')) add(id, targetOf(flow)?.id ?? 'END');
      else add(id, 'END');
    }
  }
  return next;
}

/** Breadth-first from `from`, bounded; answers the ids reached (and whether the bound stopped it). */
function reach(next: Map<string, string[]>, from: string[]): { seen: Set<string>; bounded: boolean } {
  const seen = new Set<string>();
  const queue = [...from];
  let steps = 0;
  while (queue.length > 0) {
    if (++steps > DRY_RUN_MAX_STEPS) return { seen, bounded: true };
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return { seen, bounded: false };
}

/**
 * The dry run before publishing: a bounded walk through every path the gateways allow (each
 * outgoing flow of a gateway is one path; a token may take any of them), with every task's and
 * job's handler stubbed as "completes, writing what the hall's worker writes". It reports, per
 * element id:
 * - `dry-run/unreachable` — no path from a start event leads to the element;
 * - `dry-run/cannot-end` — the element is reached but no path from it ends the process;
 * - `dry-run/unwritten-variable` — a condition reads a variable that neither the case's start
 *   variables, a job of the hall, a task completion, a message nor a mapping writes.
 * Each is a refusal: publishing stops before anything is deployed.
 */
export function dryRun(process: ModdleElement): FieldProblem[] {
  const next = successorsOf(process);
  const topLevel = list(process, 'flowElements');
  const starts = topLevel.filter((e) => e.$instanceOf('bpmn:StartEvent')).map((e) => e.id!);
  const forward = reach(next, starts);
  const problems: FieldProblem[] = [];
  if (forward.bounded) return [{ field: process.id ?? 'xml', message: `dry-run/bounded: the walk stopped after ${DRY_RUN_MAX_STEPS} steps` }];
  const canEnd = new Set<string>(['END']);
  // fixed point: an element can end when one of its successors can
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, targets] of next) {
      if (!canEnd.has(id) && targets.some((t) => canEnd.has(t))) { canEnd.add(id); changed = true; }
    }
  }
  for (const element of flowElements(process)) {
    if (!element.$instanceOf('bpmn:FlowNode') || !element.id) continue;
    if (!forward.seen.has(element.id)) problems.push({ field: element.id, message: 'dry-run/unreachable: no path from a start event reaches this element' });
    else if (!canEnd.has(element.id)) problems.push({ field: element.id, message: 'dry-run/cannot-end: a case that reaches this element can never end' });
  }
  problems.push(...unwrittenConditionVariables(process));
  return problems;
}

/** Variables read by conditions (sequence-flow conditions) that nothing in or around the process writes. */
function unwrittenConditionVariables(process: ModdleElement): FieldProblem[] {
  const written = variablesWritten(process);
  const problems: FieldProblem[] = [];
  for (const element of flowElements(process)) {
    if (!element.$instanceOf('bpmn:SequenceFlow')) continue;
    const body = (element.get('conditionExpression') as ModdleElement | undefined)?.get('body');
    if (typeof body !== 'string' || !body.trim().startsWith('=')) continue;
    for (const name of feelNames(body.trim().slice(1))) {
      if (!written.has(name)) problems.push({ field: element.id!, message: `dry-run/unwritten-variable: the condition reads "${name}", which nothing writes` });
    }
  }
  return problems;
}


import type { FieldProblem } from '../shared/errors.ts';
import { artifacts, extension, flowElements, stringProperties, walkTree } from './bpmn-walk.ts';
import { feelSyntaxError } from './feel-check.ts';
import type { ModdleElement } from './moddle.ts';
import { passiveElementTypes, supportedElementTypes, supportedEventDefinitions } from './supported-elements.ts';

/** The hall's own rules, checked after bpmnlint; each returns every problem, not the first. */

/** Only elements the embedded executor runs (so the same file runs on both engines). */
export function unsupportedElements(process: ModdleElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const element of flowElements(process)) {
    const id = element.id ?? process.id ?? '?';
    if (!supportedElementTypes.has(element.$type)) {
      problems.push({ field: id, message: `unsupported element ${element.$type}${element.$type === 'bpmn:ScriptTask' ? ' (code does not travel inside a BPMN file)' : ''}` });
      continue;
    }
    if (element.$type === 'bpmn:SubProcess' && element.get('triggeredByEvent')) {
      problems.push({ field: id, message: 'unsupported element: event sub-process' });
    }
    for (const definition of (element.get('eventDefinitions') as ModdleElement[] | undefined) ?? []) {
      if (!supportedEventDefinitions.has(definition.$type)) problems.push({ field: id, message: `unsupported event definition ${definition.$type}` });
    }
    const loop = element.get('loopCharacteristics') as ModdleElement | undefined;
    if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') problems.push({ field: id, message: `unsupported loop ${loop.$type} (use multi-instance)` });
  }
  for (const artifact of artifacts(process)) {
    if (!passiveElementTypes.has(artifact.$type)) problems.push({ field: artifact.id ?? process.id ?? '?', message: `unsupported artifact ${artifact.$type}` });
  }
  return problems;
}

/** Every job type is static and has a registered handler (else the job would wait forever). */
export function unknownJobTypes(process: ModdleElement, jobTypes: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const element of flowElements(process)) {
    const definition = extension(element, 'zeebe:TaskDefinition');
    const type = definition?.get('type');
    if (typeof type !== 'string') continue;
    const id = element.id ?? '?';
    if (type.startsWith('=')) problems.push({ field: id, message: `job type ${type} is an expression; use a static type so its handler can be checked` });
    else if (!jobTypes.has(type)) problems.push({ field: id, message: `job type "${type}" has no registered handler (known: ${[...jobTypes].sort().join(', ')})` });
  }
  return problems;
}

/**
 * Every user task has an assignment (assignee, candidate groups or candidate users), so it reaches
 * someone's task board; and it is job-based, which both adapters surface the same way.
 */
export function unassignedUserTasks(process: ModdleElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const element of flowElements(process)) {
    if (element.$type !== 'bpmn:UserTask') continue;
    const id = element.id ?? '?';
    if (extension(element, 'zeebe:UserTask')) problems.push({ field: id, message: 'Camunda user tasks (zeebe:userTask) are not supported; use a job-based user task' });
    const assignment = extension(element, 'zeebe:AssignmentDefinition');
    const given = ['assignee', 'candidateGroups', 'candidateUsers'].some((name) => String(assignment?.get(name) ?? '').trim() !== '');
    if (!given) problems.push({ field: id, message: 'user task without an assignment (assignee, candidate groups or candidate users)' });
  }
  return problems;
}

/** Values that look like FEEL but are plain text in Zeebe (task headers, properties) or labels. */
const notFeel = (element: ModdleElement, property: string) =>
  element.$type === 'zeebe:Header' || element.$type === 'zeebe:Property' ||
  (property === 'name' && element.$type !== 'bpmn:Message') || property === 'text';

/** Every FEEL expression (`=…`) anywhere in the processes parses with feelin. */
export function feelProblems(root: ModdleElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walkTree(root, (element, ownerId) => {
    for (const [property, value] of stringProperties(element)) {
      if (!value.startsWith('=') || notFeel(element, property)) continue;
      const error = feelSyntaxError(value.slice(1));
      if (error) problems.push({ field: ownerId || element.id || '?', message: `FEEL in ${element.$type}.${property} does not parse: ${error}` });
    }
  });
  return problems;
}

/** A diagram with a shape for every flow node (else the modeler cannot show the process). */
export function missingDiagram(definitions: ModdleElement, processes: ModdleElement[]): FieldProblem[] {
  const diagrams = (definitions.get('diagrams') as ModdleElement[] | undefined) ?? [];
  if (diagrams.length === 0) return [{ field: 'xml', message: 'no BPMNDiagram: the process has no layout (DI)' }];
  const drawn = new Set<string>();
  for (const diagram of diagrams) {
    const plane = diagram.get('plane') as ModdleElement | undefined;
    for (const shape of (plane?.get('planeElement') as ModdleElement[] | undefined) ?? []) {
      const target = shape.get('bpmnElement') as ModdleElement | undefined;
      if (shape.$type === 'bpmndi:BPMNShape' && target?.id) drawn.add(target.id);
    }
  }
  const problems: FieldProblem[] = [];
  for (const process of processes) {
    for (const element of flowElements(process)) {
      if (element.$instanceOf('bpmn:FlowNode') && element.id && !drawn.has(element.id)) {
        problems.push({ field: element.id, message: 'no BPMNShape for this element in the diagram' });
      }
    }
  }
  return problems;
}

import { parseExpression } from 'feelin';
import type { FieldProblem } from '../shared/errors.ts';
import { extension, flowElements } from './bpmn-walk.ts';
import type { ModdleElement } from './moddle.ts';

/**
 * What Zeebe 8.5 (the version the compose file pins) refuses at deploy or stalls on at run time, caught
 * at publish so a process that publishes runs the same on both engines.
 */

/** The type a FEEL expression has by its form alone (literals and string concatenation), when it is evident. */
function evidentType(expression: string): string | undefined {
  const top = parseExpression(expression, {}, undefined).topNode.firstChild;
  if (!top) return undefined;
  if (top.type.name === 'StringLiteral') return 'a string';
  if (top.type.name === 'NumericLiteral' || top.type.name === 'BooleanLiteral') return `a ${top.type.name === 'NumericLiteral' ? 'number' : 'boolean'}`;
  if (top.type.name === 'ArithmeticExpression') {
    for (let child = top.firstChild; child; child = child.nextSibling) if (child.type.name === 'StringLiteral') return 'a string';
  }
  return undefined;
}

/**
 * Candidate groups and users are a FEEL list (`=["dept:" + departmentCode]`) or a static
 * comma-separated string; an expression yielding a string stops Zeebe at the task with an
 * EXTRACT_VALUE_ERROR incident ("Expected result … to be 'ARRAY', but was 'STRING'").
 */
export function candidateListTypes(process: ModdleElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const element of flowElements(process)) {
    const assignment = element.$type === 'bpmn:UserTask' ? extension(element, 'zeebe:AssignmentDefinition') : undefined;
    for (const name of ['candidateGroups', 'candidateUsers']) {
      const value = String(assignment?.get(name) ?? '').trim();
      if (!value.startsWith('=')) continue;
      const type = evidentType(value.slice(1));
      if (type) problems.push({ field: element.id ?? '?', message: `${name} ${value} yields ${type}; Zeebe needs a list (=["dept:" + departmentCode]) or a static comma-separated string` });
    }
  }
  return problems;
}

/** Every sequence flow is listed as `<bpmn:outgoing>` of its source: Zeebe reads a gateway's flows from these references. */
export function missingOutgoingReferences(process: ModdleElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const flow of flowElements(process)) {
    if (flow.$type !== 'bpmn:SequenceFlow') continue;
    const source = flow.get('sourceRef') as ModdleElement | undefined;
    const outgoing = (source?.get('outgoing') as ModdleElement[] | undefined) ?? [];
    if (source && !outgoing.includes(flow)) problems.push({ field: source.id ?? '?', message: `sequence flow ${flow.id} is not listed as <bpmn:outgoing> of ${source.id}` });
  }
  return problems;
}

/** Elements Zeebe 8.5 does not have: a joining inclusive gateway, call activities bound by version tag or deployment (8.6+). */
export function newerThanZeebe85(process: ModdleElement): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const elements = [...flowElements(process)];
  for (const element of elements) {
    const id = element.id ?? '?';
    if (element.$type === 'bpmn:InclusiveGateway') {
      const incoming = elements.filter((f) => f.$type === 'bpmn:SequenceFlow' && (f.get('targetRef') as ModdleElement | undefined) === element).length;
      if (incoming > 1) problems.push({ field: id, message: 'a joining inclusive gateway needs Zeebe 8.6+ (8.5 only forks)' });
    }
    const binding = element.$type === 'bpmn:CallActivity' ? extension(element, 'zeebe:CalledElement')?.get('bindingType') : undefined;
    if (binding && binding !== 'latest') problems.push({ field: id, message: `bindingType "${String(binding)}" needs Zeebe 8.6+; 8.5 always calls the latest version` });
  }
  return problems;
}

import type { FieldProblem } from '../shared/errors.ts';
import { processesOf } from './bpmn-walk.ts';
import { dryRun } from './dry-run.ts';
import { feelProblems, missingDiagram, unassignedUserTasks, unknownJobTypes, unsupportedElements } from './bpmn-rules.ts';
import { lintDefinitions } from './lint.ts';
import { endsWithoutOutcome } from './outcome-check.ts';
import { candidateListTypes, missingOutgoingReferences, newerThanZeebe85 } from './zeebe-rules.ts';
import { zeebeModdle, type ModdleWarning } from './moddle.ts';
import { bpmnInvalid, bpmnMalformed } from './problems.ts';
import { guardXml } from './xml-guard.ts';

export interface ValidateOptions {
  /** Job types that have a registered handler. */
  jobTypes: ReadonlySet<string>;
  maxBytes?: number;
}

export interface ValidatedBpmn {
  processes: Array<{ processId: string; name?: string }>;
  warnings: FieldProblem[];
}

const byField = (a: FieldProblem, b: FieldProblem) => a.field.localeCompare(b.field) || a.message.localeCompare(b.message);

const warningProblem = (warning: ModdleWarning): FieldProblem => ({
  field: warning.element?.id ?? 'xml',
  message: warning.message.split('\n').map((line) => line.trim()).filter(Boolean).join('; '),
});

/**
 * Validates a BPMN document for publishing, cheapest checks first: size and DOCTYPE/ENTITY on the
 * raw text, well-formedness, then every semantic check at once (parse warnings, bpmnlint with the
 * Camunda 8 rules, supported elements, job types, user task assignments, the dry run, FEEL, DI), so a designer
 * sees every problem in one answer.
 * Throws BPMN_TOO_LARGE (413), BPMN_DOCTYPE_FORBIDDEN / BPMN_MALFORMED (400) or BPMN_INVALID (422).
 */
export async function validateBpmn(xml: string, options: ValidateOptions): Promise<ValidatedBpmn> {
  guardXml(xml, options.maxBytes);
  const moddle = await zeebeModdle();
  let parsed;
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (error) {
    throw bpmnMalformed((error as Error).message.split('\n').map((line) => line.trim()).filter(Boolean).join('; '));
  }
  const definitions = parsed.rootElement;
  if (!definitions || definitions.$type !== 'bpmn:Definitions') throw bpmnMalformed('the root element is not bpmn:definitions');
  const parseProblems = parsed.warnings.map(warningProblem);
  if (parseProblems.length > 0) throw bpmnInvalid(parseProblems);

  const processes = processesOf(definitions);
  const executable = processes.filter((p) => p.get('isExecutable'));
  if (executable.length === 0) throw bpmnInvalid([{ field: processes[0]?.id ?? 'xml', message: 'no executable process (isExecutable="true")' }]);

  const lint = await lintDefinitions(definitions);
  const problems = [
    ...lint.errors,
    ...executable.flatMap((process) => [
      ...unsupportedElements(process),
      ...unknownJobTypes(process, options.jobTypes),
      ...unassignedUserTasks(process),
      ...candidateListTypes(process),
      ...missingOutgoingReferences(process),
      ...newerThanZeebe85(process),
      ...dryRun(process),
    ]),
    ...feelProblems(definitions),
    ...missingDiagram(definitions, executable),
  ];
  if (problems.length > 0) throw bpmnInvalid(dedupe(problems).sort(byField));
  return {
    processes: executable.map((p) => ({ processId: p.id as string, ...(p.name ? { name: p.name } : {}) })),
    warnings: dedupe([...lint.warnings, ...executable.flatMap(endsWithoutOutcome)]).sort(byField),
  };
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import { problem, type FieldProblem } from '../shared/errors.ts';

/**
 * The refusals of the process-publishing route (texts in the error catalogue). Each names the BPMN
 * element in `fields[].field` (its id; `xml` for the document as a whole) so the modeler can
 * highlight it. Nothing is deployed when any of these is thrown.
 */
export const MAX_LISTED_PROBLEMS = 50;

export const bpmnTooLarge = (bytes: number, limit: number) =>
  problem('BPMN_TOO_LARGE', { params: { bytes, limit }, fields: [{ field: 'xml', message: `larger than ${limit} bytes` }] });

export const bpmnDoctypeForbidden = (what: string) =>
  problem('BPMN_DOCTYPE_FORBIDDEN', { fields: [{ field: 'xml', message: `${what} declarations are refused before parsing (entity expansion)` }] });

export const bpmnMalformed = (message: string) => problem('BPMN_MALFORMED', { fields: [{ field: 'xml', message }] });

export const bpmnInvalid = (problems: FieldProblem[]) =>
  problem('BPMN_INVALID', {
    params: { count: problems.length, elements: [...new Set(problems.map((p) => p.field))].slice(0, 10) },
    fields: problems.slice(0, MAX_LISTED_PROBLEMS),
  });

export const processOutOfScope = (processId: string, departmentCode: string) =>
  problem('PROCESS_OUT_OF_SCOPE', {
    params: { processId, departmentCode },
    fields: [{ field: processId, message: `process ids of department ${departmentCode} start with "${departmentCode}-"` }],
  });

import { AppError, type FieldProblem } from '../shared/errors.ts';

/**
 * The refusals of the process-publishing route. Each names the BPMN element in `fields[].field`
 * (its id; `xml` for the document as a whole) so the modeler can highlight it. Nothing is deployed
 * when any of these is thrown.
 */
export const MAX_LISTED_PROBLEMS = 50;

export const bpmnTooLarge = (bytes: number, limit: number) =>
  new AppError({
    status: 413, code: 'BPMN_TOO_LARGE',
    zh: `BPMN 文件过大（${bytes} 字节，上限 ${limit} 字节）`,
    en: `The BPMN file is too large (${bytes} bytes, limit ${limit})`,
    fields: [{ field: 'xml', message: `larger than ${limit} bytes` }],
  });

export const bpmnDoctypeForbidden = (what: string) =>
  new AppError({
    status: 400, code: 'BPMN_DOCTYPE_FORBIDDEN',
    zh: 'BPMN 文件不得包含 DOCTYPE 或实体声明',
    en: 'A BPMN file may not contain a DOCTYPE or entity declaration',
    fields: [{ field: 'xml', message: `${what} declarations are refused before parsing (entity expansion)` }],
  });

export const bpmnMalformed = (message: string) =>
  new AppError({
    status: 400, code: 'BPMN_MALFORMED',
    zh: 'BPMN 文件不是合法的 XML',
    en: 'The BPMN file is not well-formed XML',
    fields: [{ field: 'xml', message }],
  });

export const bpmnInvalid = (problems: FieldProblem[]) =>
  new AppError({
    status: 422, code: 'BPMN_INVALID',
    zh: `流程校验未通过（${problems.length} 处问题）：${[...new Set(problems.map((p) => p.field))].slice(0, 10).join('、')}`,
    en: `The process did not pass validation (${problems.length} problem(s)): ${[...new Set(problems.map((p) => p.field))].slice(0, 10).join(', ')}`,
    fields: problems.slice(0, MAX_LISTED_PROBLEMS),
  });

export const processOutOfScope = (processId: string, departmentCode: string) =>
  new AppError({
    status: 403, code: 'PROCESS_OUT_OF_SCOPE',
    zh: `流程 ${processId} 不属于本部门（${departmentCode}）`,
    en: `Process ${processId} does not belong to your department (${departmentCode})`,
    fields: [{ field: processId, message: `process ids of department ${departmentCode} start with "${departmentCode}-"` }],
  });

import { entry, enList, zhList } from './entry.ts';

type DraftStatus = 'draft' | 'submitted' | 'rejected' | 'published';
const draftStatusZh: Record<DraftStatus, string> = { draft: '草稿', submitted: '待审核', rejected: '已退回修改', published: '已发布' };

/** Publishing BPMN: the guard before parsing, validation, department scope, drafts and versions. */
export const processErrors = {
  BPMN_TOO_LARGE: entry<{ bytes: number; limit: number }>(413,
    (p) => `BPMN 文件过大（${p.bytes} 字节，上限 ${p.limit} 字节）`, (p) => `The BPMN file is too large (${p.bytes} bytes, limit ${p.limit})`),
  BPMN_DOCTYPE_FORBIDDEN: entry(400, 'BPMN 文件不得包含 DOCTYPE 或实体声明', 'A BPMN file may not contain a DOCTYPE or entity declaration'),
  BPMN_MALFORMED: entry(400, 'BPMN 文件不是合法的 XML', 'The BPMN file is not well-formed XML'),
  BPMN_INVALID: entry<{ count: number; elements: readonly string[] }>(422,
    (p) => `流程校验未通过（${p.count} 处问题）：${zhList(p.elements)}`, (p) => `The process did not pass validation (${p.count} problem(s)): ${enList(p.elements)}`),
  PROCESS_OUT_OF_SCOPE: entry<{ processId: string; departmentCode: string }>(403,
    (p) => `流程 ${p.processId} 不属于本部门（${p.departmentCode}）`, (p) => `Process ${p.processId} does not belong to your department (${p.departmentCode})`),
  PROCESS_VERSION_CONFLICT: entry<{ processId: string; version: number }>(409,
    (p) => `引擎返回的版本 ${p.processId} v${p.version} 已记录为其他内容`, (p) => `The engine reports version ${p.version} of ${p.processId}, already recorded for other XML`),
  DRAFT_WRONG_STATUS: entry<{ status: DraftStatus; allowed: readonly DraftStatus[]; actionZh: string }>(409,
    (p) => `流程草稿当前为“${draftStatusZh[p.status]}”，不能${p.actionZh}`, (p) => `The draft is ${p.status}; only a draft that is ${p.allowed.join(' or ')} allows this`,
    [{ status: 'draft', allowed: ['submitted'], actionZh: '发布' }]),
  DRAFT_PROCESS_ID_CHANGED: entry<{ was: string; now: string }>(422,
    (p) => `草稿的流程标识不能从 ${p.was} 改为 ${p.now}，请另建草稿`, (p) => `A draft keeps its process id (${p.was}); ${p.now} needs a draft of its own`),
};

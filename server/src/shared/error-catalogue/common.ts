import { entry, enList, variants, zhList } from './entry.ts';

/** What a 404 NOT_FOUND names, in English and Chinese. */
export const notFoundSubjects = {
  matter: ['Matter', '事项'], phrase: ['Phrase', '常用语'], case: ['Case', '办件'], supervision: ['Supervision order', '督办单'],
  user: ['User', '用户'], certificate: ['Certificate', '证照'], task: ['Task', '任务'], delegation: ['Delegation', '授权'],
  process: ['Process', '流程'], processVersion: ['Process version', '流程版本'], processDraft: ['Process draft', '流程草稿'],
  calendarOverride: ['Calendar override', '日历调整'], document: ['Document', '文书'], attachment: ['Attachment', '附件'], file: ['File', '文件'],
  bundle: ['Bundle', '一件事'], bundleCase: ['Bundle case', '一件事办件'],
} as const satisfies Record<string, [en: string, zh: string]>;
export type NotFoundSubject = keyof typeof notFoundSubjects;

/** Why a 403 FORBIDDEN was answered, where a route says more than "not allowed". */
const forbiddenReasons = {
  stuckCases: ['仅局长或系统管理员可查看停滞办件', 'Only the director or the system admin sees stuck cases'],
  publishProcesses: ['只有流程设计人员可以发布流程', 'Only process designers may publish processes'],
  changeCalendar: ['只有系统管理员可以调整工作日历', 'Only a system administrator may change the calendar'],
  urgeTask: ['您无权催办该任务', 'You may not urge this task'],
} as const satisfies Record<string, [zh: string, en: string]>;

/** An authority check that knows what was refused (authz `assertCan`). */
interface RefusedAct { action: string; subject: string; actionZh: string; subjectZh: string }
type ForbiddenParams = { reason?: keyof typeof forbiddenReasons; act?: RefusedAct };

/** Request validation: the fields at fault; a value of the wrong type (mongoose cast) or a bad Idempotency-Key worded apart. */
type ValidationParams = { fields: readonly string[]; wording?: 'cast' | 'idempotencyKey' };
const validationWording = ({ fields, wording }: ValidationParams): [string, string] => {
  if (wording === 'cast') return [`字段格式有误：${zhList(fields)}`, `Invalid value for ${enList(fields)}`];
  if (wording === 'idempotencyKey') return ['幂等键格式有误（8–100 位字母、数字、- 或 _）', 'Invalid Idempotency-Key header (8–100 letters, digits, - or _)'];
  return [`请求数据有误：${zhList(fields)}`, `Invalid request: ${enList(fields)}`];
};

/** Request-level refusals every feature may answer. */
export const commonErrors = {
  NOT_FOUND: entry<{ subject: NotFoundSubject; id?: string }>(404,
    (p) => `${notFoundSubjects[p.subject][1]}不存在`,
    (p) => `${notFoundSubjects[p.subject][0]}${p.id ? ` ${p.id}` : ''} not found`,
    (Object.keys(notFoundSubjects) as NotFoundSubject[]).map((subject) => ({ subject, id: 'x1' }))),
  FORBIDDEN: entry<ForbiddenParams>(403,
    (p) => (p?.reason ? forbiddenReasons[p.reason][0] : p?.act ? `您无权对${p.act.subjectZh}执行“${p.act.actionZh}”操作` : '您无权执行此操作'),
    (p) => (p?.reason ? forbiddenReasons[p.reason][1] : p?.act ? `You may not ${p.act.action} this ${p.act.subject}` : 'You may not do this'),
    [{}, { act: { action: 'read', subject: 'Case', actionZh: '查看', subjectZh: '办件' } },
      ...(Object.keys(forbiddenReasons) as Array<keyof typeof forbiddenReasons>).map((reason) => ({ reason }))]),
  UNAUTHENTICATED: variants(401, { default: ['请先登录', 'Sign-in required'], tokenInvalid: ['登录凭证无效或已过期', 'Invalid or expired token'] }),
  VALIDATION_FAILED: entry<ValidationParams>(400, (p) => validationWording(p)[0], (p) => validationWording(p)[1],
    [{ fields: ['body.a', 'body.b'] }, { fields: ['a'], wording: 'cast' }, { fields: ['headers.idempotency-key'], wording: 'idempotencyKey' }]),
  MALFORMED_JSON: entry(400, '请求体不是合法的 JSON', 'The request body is not valid JSON'),
  PAYLOAD_TOO_LARGE: entry<{ limit?: number }>(413,
    (p) => (p?.limit === undefined ? '请求体过大' : `请求体过大（此接口不超过 ${p.limit} 字节）`),
    (p) => (p?.limit === undefined ? 'The request body is too large' : `The request body is too large (at most ${p.limit} bytes here)`),
    [{}, { limit: 1024 }]),
  UNSUPPORTED_ENCODING: entry(415, '不支持的请求编码', 'Unsupported request encoding'),
  DUPLICATE: entry<{ fields: readonly string[] }>(409, (p) => `记录已存在：${zhList(p.fields)}`, (p) => `Already exists: ${enList(p.fields)}`),
  ROUTE_NOT_FOUND: entry<{ method: string; path: string }>(404, (p) => `没有这个接口：${p.method} ${p.path}`, (p) => `No such route: ${p.method} ${p.path}`),
  INTERNAL: entry(500, '服务器内部错误，请稍后再试', 'Internal server error'),
  TOO_MANY_REQUESTS: entry(429, '请求过于频繁，请稍后再试', 'Too many requests; try again later'),
  TOO_MANY_ATTEMPTS: entry(429, '查询次数过多，请稍后再试', 'Too many attempts; try again later'),
  WEB_APP_NOT_BUILT: entry(503, '网页尚未构建，请运行 scripts/start', 'The web app is not built; run scripts/start'),
};

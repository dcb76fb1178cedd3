import { AppError } from '../shared/errors.ts';

/** The hotline's refusals: stable codes, Chinese and English, the field named where there is one. */
const refusal = (status: number, code: string, zh: string, en: string, field?: string) =>
  new AppError({ status, code, zh, en, fields: field ? [{ field, message: en }] : undefined });

export const hotlineErrors = {
  orderNotFound: () => refusal(404, 'HOTLINE_ORDER_NOT_FOUND', '工单不存在', 'No such hotline order', 'params.number'),
  unknownDepartment: (field = 'body.departmentCode') => refusal(422, 'DEPARTMENT_UNKNOWN', '没有该承办单位', 'No such department', field),
  caseNotFound: () => refusal(422, 'CASE_NOT_FOUND', '关联的办件不存在', 'The linked case does not exist', 'body.linkedCaseNumber'),
  notPendingDispatch: () => refusal(409, 'HOTLINE_NOT_PENDING_DISPATCH', '工单不在待派单状态', 'The order is not waiting for dispatch'),
  changed: () => refusal(409, 'HOTLINE_ORDER_CHANGED', '工单已被他人更新，请刷新后重试', 'The order changed meanwhile; reload it'),
  notHotlineTask: () => refusal(422, 'NOT_HOTLINE_STEP', '该任务不是此工单环节', 'The task is not this hotline step', 'params.key'),
  sendBackTooLate: (until: string) => refusal(409, 'SEND_BACK_TOO_LATE', `退单须在派单后 2 个工作日内（${until} 前）提出`, `A send-back must come within 2 working days of dispatch (before ${until})`, 'body.reason'),
  extensionTooLate: () => refusal(409, 'EXTENSION_TOO_LATE', '已超过办理时限，不能再申请延期', 'The handling limit has passed: no extension can be asked', 'body.days'),
  extensionTooLong: (max: number) => refusal(422, 'EXTENSION_TOO_LONG', `延期累计不得超过 ${max} 个工作日`, `Extensions may add at most ${max} working days in all`, 'body.days'),
  redispatchTarget: () => refusal(422, 'REDISPATCH_TARGET', '改派须指定另一承办单位', 'Re-dispatch needs another department', 'body.departmentCode'),
  unsigned: () => refusal(401, 'INBOUND_UNSIGNED', '请求未签名或签名无效', 'The request is unsigned or its signature is wrong', 'header.x-hotline-signature'),
  stale: () => refusal(401, 'INBOUND_STALE', '请求时间戳无效或已过期（±5 分钟）', 'The request timestamp is missing or outside ±5 minutes', 'header.x-hotline-timestamp'),
  replayed: () => refusal(409, 'INBOUND_REPLAYED', '重复的请求（重放）已拒绝', 'This signed request was already received (replay)', 'header.x-hotline-signature'),
  inboundOff: () => refusal(503, 'INBOUND_NOT_CONFIGURED', '未配置省级 12345 平台对接密钥', 'The provincial platform secret is not configured'),
};

import { entry } from './entry.ts';

/** 12345 work orders and 好差评 (ratings, rectification). */
export const hotlineErrors = {
  HOTLINE_ORDER_NOT_FOUND: entry(404, '工单不存在', 'No such hotline order'),
  DEPARTMENT_UNKNOWN: entry(422, '没有该承办单位', 'No such department'),
  LINKED_CASE_NOT_FOUND: entry(422, '关联的办件不存在', 'The linked case does not exist'),
  HOTLINE_NOT_PENDING_DISPATCH: entry(409, '工单不在待派单状态', 'The order is not waiting for dispatch'),
  HOTLINE_ORDER_CHANGED: entry(409, '工单已被他人更新，请刷新后重试', 'The order changed meanwhile; reload it'),
  NOT_HOTLINE_STEP: entry(422, '该任务不是此工单环节', 'The task is not this hotline step'),
  SEND_BACK_TOO_LATE: entry<{ until: string }>(409,
    (p) => `退单须在派单后 2 个工作日内（${p.until} 前）提出`, (p) => `A send-back must come within 2 working days of dispatch (before ${p.until})`),
  EXTENSION_TOO_LATE: entry(409, '已超过办理时限，不能再申请延期', 'The handling limit has passed: no extension can be asked'),
  EXTENSION_TOO_LONG: entry<{ max: number }>(422, (p) => `延期累计不得超过 ${p.max} 个工作日`, (p) => `Extensions may add at most ${p.max} working days in all`),
  REDISPATCH_TARGET: entry(422, '改派须指定另一承办单位', 'Re-dispatch needs another department'),
  INBOUND_UNSIGNED: entry(401, '请求未签名或签名无效', 'The request is unsigned or its signature is wrong'),
  INBOUND_STALE: entry(401, '请求时间戳无效或已过期（±5 分钟）', 'The request timestamp is missing or outside ±5 minutes'),
  INBOUND_REPLAYED: entry(409, '重复的请求（重放）已拒绝', 'This signed request was already received (replay)'),
  INBOUND_NOT_CONFIGURED: entry(503, '未配置省级 12345 平台对接密钥', 'The provincial platform secret is not configured'),
  /** One message for an unknown case and a wrong phone: the page confirms no case number to a stranger. */
  RATING_CASE_OR_PHONE_MISMATCH: entry(404, '办件编号或手机号不正确', 'The case number or phone number is wrong'),
  RATING_NOT_YET: entry(409, '办件尚未办结或出件，办结后方可评价', 'The case can be rated once it is decided or handed over'),
  RATING_ALREADY_GIVEN: entry(409, '该事项已评价，每件只能评价一次', 'This has already been rated; each is rated once'),
  RATING_TOO_MANY_TRIES: entry(429, '核验失败次数过多，请稍后再试', 'Too many failed checks; try again later'),
  NOT_RECTIFICATION_STEP: entry(422, '该任务不是此差评整改环节', 'The task is not this rectification step'),
  CALL_BACK_REQUIRED: entry(422, '实名差评须回访核实后方可答复', 'A named bad rating needs a call-back before the reply'),
};

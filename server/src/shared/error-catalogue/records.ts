import { entry, variants } from './entry.ts';

/** Documents (文书), certificates and issuing (缮证、发证), the queue (取号叫号). */
export const recordErrors = {
  DOCUMENTS_UNAVAILABLE: variants(503, {
    default: ['文书生成服务不可用', 'Document rendering is not available'],
    noPublicUrl: ['未配置大厅的公开网址，无法生成文书', 'The hall\'s public address is not configured'],
  }),
  DOCUMENT_DATA_INCOMPLETE: entry<{ missing: string }>(400, (p) => `文书数据不完整：${p.missing}`, (p) => `Document data incomplete: ${p.missing}`),
  NOTHING_TO_HAND_OVER: entry(409, '该办件没有待发放的证照', 'This case has no certificate waiting to be handed over'),
  ALREADY_HANDED_OVER: entry<{ caseNumber: string }>(409,
    (p) => `办件${p.caseNumber}的证照已发放，不能重复发放`, (p) => `The certificate of case ${p.caseNumber} was already handed over`),
  ALREADY_REVOKED: entry(409, '证照已撤销', 'The certificate is already revoked'),
  QUEUE_UNKNOWN: entry(404, '没有该业务类别', 'No such queue'),
  QUEUE_CLOSED: entry<{ name: string }>(409,
    (p) => `${p.name}当前不在取号时间（工作日 08:30–17:30）或已停止取号`, (p) => `The ${p.name} queue is closed now (working days 08:30–17:30) or closed by the hall`),
  TICKET_ALREADY_TAKEN: entry<{ number: string }>(409, (p) => `该身份证号已取号 ${p.number}，请等候叫号`, (p) => `This ID number already holds ticket ${p.number}`),
  TICKET_NOT_FOUND: entry(404, '号票不存在', 'No such ticket'),
  TOO_MANY_TICKETS: entry(429, '取号过于频繁，请稍后再试', 'Too many tickets from this device; try again later'),
  WINDOW_UNKNOWN: entry(404, '没有该窗口', 'No such window'),
  WINDOW_PAUSED: entry(409, '窗口已暂停服务，请先恢复', 'The window is paused: resume it first'),
  WINDOW_BUSY: entry<{ number: string }>(409, (p) => `正在办理 ${p.number}，请先办结、过号或转移`, (p) => `The window is serving ${p.number}: finish, skip or transfer it first`),
  WINDOW_IDLE: entry(409, '窗口当前没有叫到的号', 'The window has called no ticket'),
  TRANSFER_TARGET: entry(400, '请选择转移到的业务类别或窗口（不能是本窗口）', 'Name the queue or window to transfer to (not this window)'),
  SLOT_UNKNOWN: entry(400, '没有该预约时段', 'No such appointment slot'),
  DAY_NOT_BOOKABLE: entry(409, '只能预约今后 7 天内的工作日，且时段未过', 'Book a working day within the next 7 days, in a slot still to come'),
  SLOT_FULL: entry(409, '该时段已约满，请选择其他时段', 'This slot is fully booked'),
  ALREADY_BOOKED: entry(409, '该手机号当天已预约此业务', 'This phone number already holds an appointment for this queue that day'),
  APPOINTMENT_NOT_FOUND: entry(404, '预约码不存在', 'No such appointment code'),
  APPOINTMENT_NOT_TODAY: entry<{ day: string }>(409, (p) => `该预约日期为 ${p.day}，请当天签到`, (p) => `The appointment is for ${p.day}: check in that day`),
  APPOINTMENT_CHECKED_IN: entry(409, '该预约已签到取号', 'This appointment has already been checked in'),
};

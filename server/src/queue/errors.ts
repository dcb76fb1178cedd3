import { AppError } from '../shared/errors.ts';

/** The queue's refusals: stable codes, Chinese and English, the field named where there is one. */
const refusal = (status: number, code: string, zh: string, en: string, field?: string) =>
  new AppError({ status, code, zh, en, fields: field ? [{ field, message: en }] : undefined });

export const queueErrors = {
  unknownQueue: () => refusal(404, 'QUEUE_UNKNOWN', '没有该业务类别', 'No such queue', 'body.queue'),
  closed: (name: string, field = 'body.queue') => refusal(409, 'QUEUE_CLOSED', `${name}当前不在取号时间（工作日 08:30–17:30）或已停止取号`, `The ${name} queue is closed now (working days 08:30–17:30) or closed by the hall`, field),
  alreadyTaken: (number: string) => refusal(409, 'TICKET_ALREADY_TAKEN', `该身份证号已取号 ${number}，请等候叫号`, `This ID number already holds ticket ${number}`, 'body.idNumber'),
  ticketNotFound: () => refusal(404, 'TICKET_NOT_FOUND', '号票不存在', 'No such ticket'),
  unknownWindow: () => refusal(404, 'WINDOW_UNKNOWN', '没有该窗口', 'No such window', 'params.window'),
  windowPaused: () => refusal(409, 'WINDOW_PAUSED', '窗口已暂停服务，请先恢复', 'The window is paused: resume it first'),
  windowBusy: (number: string) => refusal(409, 'WINDOW_BUSY', `正在办理 ${number}，请先办结、过号或转移`, `The window is serving ${number}: finish, skip or transfer it first`),
  nothingCalled: () => refusal(409, 'WINDOW_IDLE', '窗口当前没有叫到的号', 'The window has called no ticket'),
  transferTarget: () => refusal(400, 'TRANSFER_TARGET', '请选择转移到的业务类别或窗口（不能是本窗口）', 'Name the queue or window to transfer to (not this window)', 'body'),
  caseNotFound: () => refusal(404, 'CASE_NOT_FOUND', '办件不存在', 'No such case', 'body.caseNumber'),
  slotUnknown: () => refusal(400, 'SLOT_UNKNOWN', '没有该预约时段', 'No such appointment slot', 'body.slot'),
  dayNotBookable: () => refusal(409, 'DAY_NOT_BOOKABLE', '只能预约今后 7 天内的工作日，且时段未过', 'Book a working day within the next 7 days, in a slot still to come', 'body.day'),
  slotFull: () => refusal(409, 'SLOT_FULL', '该时段已约满，请选择其他时段', 'This slot is fully booked', 'body.slot'),
  alreadyBooked: () => refusal(409, 'ALREADY_BOOKED', '该手机号当天已预约此业务', 'This phone number already holds an appointment for this queue that day', 'body.phone'),
  appointmentNotFound: () => refusal(404, 'APPOINTMENT_NOT_FOUND', '预约码不存在', 'No such appointment code', 'params.code'),
  notToday: (day: string) => refusal(409, 'APPOINTMENT_NOT_TODAY', `该预约日期为 ${day}，请当天签到`, `The appointment is for ${day}: check in that day`, 'params.code'),
  checkedIn: () => refusal(409, 'APPOINTMENT_CHECKED_IN', '该预约已签到取号', 'This appointment has already been checked in', 'params.code'),
};

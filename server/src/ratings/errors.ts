import { AppError } from '../shared/errors.ts';

const refusal = (status: number, code: string, zh: string, en: string, field?: string) =>
  new AppError({ status, code, zh, en, fields: field ? [{ field, message: en }] : undefined });

/** 好差评 refusals: stable codes, Chinese and English, the field named. */
export const ratingErrors = {
  /** One message for an unknown case and a wrong phone: the page confirms no case number to a stranger. */
  caseOrPhone: () => refusal(404, 'RATING_CASE_OR_PHONE_MISMATCH', '办件编号或手机号不正确', 'The case number or phone number is wrong', 'body.phone'),
  caseNotFound: () => refusal(404, 'CASE_NOT_FOUND', '办件不存在', 'No such case', 'body.caseNumber'),
  notYet: () => refusal(409, 'RATING_NOT_YET', '办件尚未办结或出件，办结后方可评价', 'The case can be rated once it is decided or handed over', 'body.caseNumber'),
  alreadyRated: () => refusal(409, 'RATING_ALREADY_GIVEN', '该事项已评价，每件只能评价一次', 'This has already been rated; each is rated once', 'body.caseNumber'),
  tooManyTries: () => refusal(429, 'RATING_TOO_MANY_TRIES', '核验失败次数过多，请稍后再试', 'Too many failed checks; try again later'),
  notRectificationTask: () => refusal(422, 'NOT_RECTIFICATION_STEP', '该任务不是此差评整改环节', 'The task is not this rectification step', 'params.key'),
  callBackRequired: () => refusal(422, 'CALL_BACK_REQUIRED', '实名差评须回访核实后方可答复', 'A named bad rating needs a call-back before the reply', 'body.calledBack'),
};

import { problem } from '../shared/errors.ts';

/** 好差评 refusals (codes and texts in shared/error-catalogue/hotline.ts), the field named. */
export const ratingErrors = {
  /** One message for an unknown case and a wrong phone: the page confirms no case number to a stranger. */
  caseOrPhone: () => problem('RATING_CASE_OR_PHONE_MISMATCH', { field: 'body.phone' }),
  caseNotFound: () => problem('CASE_NOT_FOUND', { field: 'body.caseNumber' }),
  notYet: () => problem('RATING_NOT_YET', { field: 'body.caseNumber' }),
  alreadyRated: () => problem('RATING_ALREADY_GIVEN', { field: 'body.caseNumber' }),
  tooManyTries: () => problem('RATING_TOO_MANY_TRIES'),
  notRectificationTask: () => problem('NOT_RECTIFICATION_STEP', { field: 'params.key' }),
  callBackRequired: () => problem('CALL_BACK_REQUIRED', { field: 'body.calledBack' }),
};

import { problem } from '../shared/errors.ts';

/** The hotline's refusals (codes and texts in shared/error-catalogue/hotline.ts), the field named where there is one. */
export const hotlineErrors = {
  orderNotFound: () => problem('HOTLINE_ORDER_NOT_FOUND', { field: 'params.number' }),
  unknownDepartment: (field = 'body.departmentCode') => problem('DEPARTMENT_UNKNOWN', { field }),
  caseNotFound: () => problem('LINKED_CASE_NOT_FOUND', { field: 'body.linkedCaseNumber' }),
  notPendingDispatch: () => problem('HOTLINE_NOT_PENDING_DISPATCH'),
  changed: () => problem('HOTLINE_ORDER_CHANGED'),
  notHotlineTask: () => problem('NOT_HOTLINE_STEP', { field: 'params.key' }),
  sendBackTooLate: (until: string) => problem('SEND_BACK_TOO_LATE', { params: { until }, field: 'body.reason' }),
  extensionTooLate: () => problem('EXTENSION_TOO_LATE', { field: 'body.days' }),
  extensionTooLong: (max: number) => problem('EXTENSION_TOO_LONG', { params: { max }, field: 'body.days' }),
  redispatchTarget: () => problem('REDISPATCH_TARGET', { field: 'body.departmentCode' }),
  unsigned: () => problem('INBOUND_UNSIGNED', { field: 'header.x-hotline-signature' }),
  stale: () => problem('INBOUND_STALE', { field: 'header.x-hotline-timestamp' }),
  replayed: () => problem('INBOUND_REPLAYED', { field: 'header.x-hotline-signature' }),
  inboundOff: () => problem('INBOUND_NOT_CONFIGURED'),
};

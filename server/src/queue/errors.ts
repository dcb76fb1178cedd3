import { problem } from '../shared/errors.ts';

/** The queue's refusals (texts in the error catalogue), the field named where there is one. */
export const queueErrors = {
  unknownQueue: () => problem('QUEUE_UNKNOWN', { field: 'body.queue' }),
  closed: (name: string, field = 'body.queue') => problem('QUEUE_CLOSED', { params: { name }, field }),
  alreadyTaken: (number: string) => problem('TICKET_ALREADY_TAKEN', { params: { number }, field: 'body.idNumber' }),
  ticketNotFound: () => problem('TICKET_NOT_FOUND'),
  unknownWindow: () => problem('WINDOW_UNKNOWN', { field: 'params.window' }),
  windowPaused: () => problem('WINDOW_PAUSED'),
  windowBusy: (number: string) => problem('WINDOW_BUSY', { params: { number } }),
  nothingCalled: () => problem('WINDOW_IDLE'),
  transferTarget: () => problem('TRANSFER_TARGET', { field: 'body' }),
  caseNotFound: () => problem('CASE_NOT_FOUND', { field: 'body.caseNumber' }),
  slotUnknown: () => problem('SLOT_UNKNOWN', { field: 'body.slot' }),
  dayNotBookable: () => problem('DAY_NOT_BOOKABLE', { field: 'body.day' }),
  slotFull: () => problem('SLOT_FULL', { field: 'body.slot' }),
  alreadyBooked: () => problem('ALREADY_BOOKED', { field: 'body.phone' }),
  appointmentNotFound: () => problem('APPOINTMENT_NOT_FOUND', { field: 'params.code' }),
  notToday: (day: string) => problem('APPOINTMENT_NOT_TODAY', { params: { day }, field: 'params.code' }),
  checkedIn: () => problem('APPOINTMENT_CHECKED_IN', { field: 'params.code' }),
};

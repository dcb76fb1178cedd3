import { z } from 'zod';
import { isValidIdNumber } from '../intake/identity.ts';
import { priorityReasons, queueCodes } from './queues.ts';

/** Request shapes of the queue, shared with the web app (no server-only imports here). */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const phone = z.string().trim().regex(/^1\d{10}$/, '手机号码应为 11 位 / an 11-digit mobile number');

export const takeTicketBody = z.strictObject({
  queue: z.enum(queueCodes).describe('the kind of business (业务类别)'),
  priority: z.enum(priorityReasons).optional().describe('绿色通道: elderly, disabled or military (checked at the window)'),
  idNumber: z.string().trim().toUpperCase().refine(isValidIdNumber, '身份证号码无效（校验位不符） / invalid ID number (check digit)').optional()
    .describe('scanned or typed at the kiosk: one waiting ticket per person and queue'),
});
export const bookBody = z.strictObject({
  queue: z.enum(queueCodes),
  day: isoDay,
  slot: z.string().regex(/^\d{2}:\d{2}$/, 'HH:MM'),
  name: z.string().trim().min(1).max(50),
  phone,
});
export const slotsQuery = z.strictObject({ queue: z.enum(queueCodes), day: isoDay });
export const ticketParams = z.strictObject({ id: z.string().regex(/^[a-f0-9]{24}$/, 'a ticket id') });
export const appointmentParams = z.strictObject({ code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8}$/, 'an 8-character appointment code') });
export const windowParams = z.strictObject({ window: z.string().regex(/^(C\d{2}|K\d{2}-\d{2})$/, 'a window number such as C05 or K03-02') });
export const transferBody = z.strictObject({
  queue: z.enum(queueCodes).optional(),
  window: z.string().regex(/^(C\d{2}|K\d{2}-\d{2})$/).optional(),
});
export const finishBody = z.strictObject({ caseNumber: z.string().trim().toUpperCase().regex(/^ZW\d{8}-\d{4,6}$/, 'ZWyyyymmdd-nnnn').optional().describe('the case received for this ticket') });
export const figuresQuery = z.strictObject({ day: isoDay.optional() });
export const queueParams = z.strictObject({ queue: z.enum(queueCodes) });
export const queueSettingBody = z.strictObject({ open: z.boolean() });

import { z } from 'zod';
import { paging, queryObject } from '../shared/http.ts';
import { hotlineCategories, hotlineStates, hotlineUrgencies } from './model.ts';
import { departmentCode } from './step-bodies.ts';

const phone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile or landline number');

/** What the operator records from a call (or the platform sends). */
export const orderBody = z.strictObject({
  caller: z.strictObject({ name: z.string().trim().min(1).max(40), phone }),
  category: z.enum(hotlineCategories),
  urgency: z.enum(hotlineUrgencies).default('normal'),
  title: z.string().trim().min(2).max(80),
  content: z.string().trim().min(4).max(2000),
  location: z.string().trim().max(200).optional(),
  linkedCaseNumber: z.string().regex(/^[A-Z0-9-]{4,40}$/).optional(),
});
export type OrderInput = z.infer<typeof orderBody>;

export const inboundBody = orderBody.extend({ platformOrderNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/) });
export type InboundInput = z.infer<typeof inboundBody>;

export const orderParams = z.strictObject({ number: z.string().regex(/^RX\d{12}$/) });
export const dispatchBody = z.strictObject({
  departmentCode,
  coHandlers: z.array(departmentCode).max(5).default([]),
  note: z.string().trim().max(500).optional(),
});
export const directAnswerBody = z.strictObject({ answer: z.string().trim().min(2).max(2000) });

export { callBackBody, extensionBody, replyBody, reviewExtensionBody, reviewSendBackBody, sendBackBody } from './step-bodies.ts';

export const listQuery = queryObject({
  ...paging,
  state: z.enum([...hotlineStates, 'open', 'all']).default('all'),
  departmentCode: departmentCode.optional(),
  phone: z.string().regex(/^\d{3,13}$/).optional(),
});

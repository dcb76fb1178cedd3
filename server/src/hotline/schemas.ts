import { z } from 'zod';
import { paging, queryObject } from '../shared/http.ts';
import { hotlineCategories, hotlineStates, hotlineUrgencies, satisfactionLevels } from './model.ts';

const phone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a mobile or landline number');
const departmentCode = z.string().regex(/^[a-z0-9_]{2,20}$/);

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

export const sendBackBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const reviewSendBackBody = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('redispatch'), departmentCode, note: z.string().trim().max(500).optional() }),
  z.strictObject({ outcome: z.literal('uphold'), note: z.string().trim().min(2).max(500) }),
]);
export const extensionBody = z.strictObject({ days: z.number().int().min(1).max(10), reason: z.string().trim().min(2).max(500) });
export const reviewExtensionBody = z.strictObject({ approve: z.boolean(), note: z.string().trim().max(500).optional() });
export const replyBody = z.strictObject({ text: z.string().trim().min(2).max(2000) });
export const callBackBody = z.strictObject({
  satisfaction: z.enum(satisfactionLevels),
  note: z.string().trim().max(500).optional(),
  /** 重办: the caller is dissatisfied and the order goes back to the department. */
  rehandle: z.boolean().default(false),
});

export const listQuery = queryObject({
  ...paging,
  state: z.enum([...hotlineStates, 'open', 'all']).default('all'),
  departmentCode: departmentCode.optional(),
  phone: z.string().regex(/^\d{3,13}$/).optional(),
});

import { z } from 'zod';
import { satisfactionLevels } from './vocabulary.ts';

/**
 * The bodies of the work order's board steps, shared with the browser's task page (which checks
 * them before sending): zod and the hotline's vocabulary only — no server module is imported here.
 */
export const departmentCode = z.string().regex(/^[a-z0-9_]{2,20}$/);

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

import { z } from 'zod';

/** 审批意见: required on reject and return, length-limited. */
export const OPINION_MAX = 2000;
const opinion = z.string().trim().min(1).max(OPINION_MAX).describe('审批意见');
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const username = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a username');

export const grantSchema = z.strictObject({
  findings: text(1000).describe('what the review found (…符合…规定的条件和标准)'),
  legalBasis: text(500),
  licence: z.strictObject({ name: text(100), number: text(60).optional(), scope: text(500), validFrom: day, validTo: day }),
  supervision: text(1000).optional(),
  applicantAddress: text(200).optional(),
});

export const approveBody = z.strictObject({
  opinion: opinion.optional(),
  /** Required on a decision step (header authority = decide): the content of the 准予行政许可决定书. */
  decision: grantSchema.optional(),
});
export type ApproveBody = z.infer<typeof approveBody>;

export const rejectBody = z.strictObject({
  opinion,
  /** 不予许可 reasons (行政许可法第三十八条第二款); on a signature sub-task only the opinion counts. */
  reasons: z.array(text(500)).min(1).max(20).optional(),
  legalBasis: text(500).optional(),
  remedies: z.strictObject({ reconsiderationBody: text(100), court: text(100) }).optional(),
});
export type RejectBody = z.infer<typeof rejectBody>;

export const correctionBody = z.strictObject({
  opinion,
  items: z.array(z.strictObject({ material: text(100), problem: text(500) })).min(1).max(50),
});
export type CorrectionBody = z.infer<typeof correctionBody>;

export const returnToBody = z.strictObject({ opinion, step: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/) });
export const toUserBody = z.strictObject({ to: username, opinion: opinion.optional() });
export const resolveBody = z.strictObject({ opinion });
export const signersBody = z.strictObject({
  usernames: z.array(username).min(1).max(20).refine((u) => new Set(u).size === u.length, 'each signer once'),
  position: z.enum(['before', 'after']).default('before'),
  mode: z.enum(['all', 'any']).default('all').describe('all: 会签 (every signer agrees); any: 或签 (one agreement suffices)'),
  opinion: opinion.optional(),
});
export type SignersBody = z.infer<typeof signersBody>;
export const removeSignerBody = z.strictObject({ username, opinion: opinion.optional() });
export const urgeBody = z.strictObject({ note: text(500).optional() });
export const ccBody = z.strictObject({ usernames: z.array(username).min(1).max(20), note: text(500).optional() });
export const opinionBody = z.strictObject({ opinion: z.string().trim().max(OPINION_MAX) });
export const attachmentQuery = z.strictObject({ name: z.string().trim().min(1).max(120).regex(/^[^/\\\0]+$/, 'a file name') });

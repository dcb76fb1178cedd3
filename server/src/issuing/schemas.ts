import { z } from 'zod';

/** 送达方式: 窗口领取, 邮寄送达, or 电子送达 (only with the applicant's consent, to the address they gave). */
export const serviceMethods = ['inPerson', 'post', 'electronic'] as const;
export type ServiceMethod = (typeof serviceMethods)[number];

/**
 * The electronic address the applicant agreed to be served at: an email address, or the account on the
 * provincial 政务服务网 (a user name or the registered mobile number).
 */
export const electronicAddressPattern = /^(?:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}|[A-Za-z0-9_.-]{4,40})$/;

/** 发证 request: how the certificate is served. Shared with the web app (no server-only imports here). */
export const handOverBody = z.strictObject({
  method: z.enum(serviceMethods).describe('窗口领取 in person, 邮寄送达 by post, or 电子送达 electronically'),
  recipientName: z.string().trim().min(1).max(50).describe('受送达人 (signs the 送达回证)'),
  trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/).optional().describe('postal tracking number, when posted'),
  electronicAddress: z.string().trim().max(100).regex(electronicAddressPattern, 'an email address or a 政务服务网 account (4–40 letters, digits, _ . -)').optional()
    .describe('the email address or 政务服务网 account the applicant consented to be served at, when served electronically'),
})
  .refine((b) => b.method !== 'post' || Boolean(b.trackingNumber), { path: ['trackingNumber'], message: 'a posted certificate needs its tracking number' })
  .refine((b) => b.method !== 'electronic' || Boolean(b.electronicAddress), { path: ['electronicAddress'], message: 'electronic service needs the address the applicant consented to' })
  .refine((b) => b.method === 'electronic' || b.electronicAddress === undefined, { path: ['electronicAddress'], message: 'an electronic address is recorded only for electronic service' });

import { z } from 'zod';

/** 发证 request: how the certificate is served. Shared with the web app (no server-only imports here). */
export const handOverBody = z.strictObject({
  method: z.enum(['inPerson', 'post']).describe('当面领取 in person, or 邮寄送达 by post'),
  recipientName: z.string().trim().min(1).max(50).describe('受送达人 (signs the 送达回证)'),
  trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/).optional().describe('postal tracking number, when posted'),
}).refine((b) => b.method !== 'post' || Boolean(b.trackingNumber), { path: ['trackingNumber'], message: 'a posted certificate needs its tracking number' });

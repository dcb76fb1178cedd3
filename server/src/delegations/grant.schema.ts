import { z } from 'zod';
import { delegatedPowers } from '../authz/vocabulary.ts';

/** A grant (授权) as the department admin writes it; shared with the web app (only zod and the vocabulary here). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
export const code = z.string().regex(/^[A-Za-z0-9_-]+$/).max(64);
export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'an id of 24 hex digits');

export const grantBody = z.strictObject({
  granteeId: objectId.describe('the approver receiving the powers'),
  departmentCode: code.optional().describe('the granting department; the admin\'s own when left out'),
  powers: z.array(z.enum(delegatedPowers)).min(1).max(delegatedPowers.length)
    .refine((p) => new Set(p).size === p.length, 'each power once'),
  scope: z.union([
    z.strictObject({ allMatters: z.literal(true) }),
    z.strictObject({ matterCodes: z.array(code).min(1).max(500).refine((c) => new Set(c).size === c.length, 'each matter once') }),
  ]).describe('all the department\'s matters, or a list of matter codes'),
  validFrom: isoDate.describe('first day of validity (China Standard Time)'),
  validTo: isoDate.describe('last day of validity, inclusive'),
  note: z.string().trim().max(500).optional(),
}).refine((b) => b.validFrom <= b.validTo, { path: ['validTo'], message: 'not before validFrom' });
export type GrantBody = z.infer<typeof grantBody>;

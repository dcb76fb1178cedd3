import { z } from 'zod';
import { applicantSchema, decisionSchema } from '../intake/schemas.ts';

/** Shared with the web app (no server-only imports here). */
const matterCode = z.string().regex(/^[a-z0-9_]{2,40}$/);
const materialName = z.string().trim().min(1).max(200);

export const bundleCode = z.string().regex(/^[a-z][a-z0-9-]{2,40}$/, 'lower-case letters, digits and -');
export const bundleNumberPattern = /^YJ\d{8}-\d{4,6}$/;

/** 一件事 proposal by an admin of the lead department. */
export const proposalBody = z.strictObject({
  code: bundleCode,
  nameZh: z.string().trim().min(2).max(60),
  nameEn: z.string().trim().min(2).max(120),
  leadDepartmentCode: z.string().regex(/^[a-z]{2,10}$/),
  members: z.array(matterCode).min(2).max(12).refine((codes) => new Set(codes).size === codes.length, 'a matter is listed twice'),
  sameAs: z.array(z.strictObject({
    name: materialName,
    materials: z.array(z.strictObject({ matterCode, material: materialName })).min(2).max(12),
  })).max(40).optional(),
  form: z.array(z.strictObject({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,30}$/), label: z.string().trim().min(1).max(40), required: z.boolean() })).max(30).default([]),
  promisedDays: z.number().int().min(0).max(120),
});
export type ProposalBody = z.infer<typeof proposalBody>;

/**
 * The bundle received once: one applicant entry, one checklist over the merged list, one form, one
 * outcome under 行政许可法第三十二条 for the whole — or, where the law needs it, for a member
 * (`memberDecisions`, e.g. one member outside the hall's powers is refused).
 */
export const bundleIntakeBody = z.strictObject({
  definitionCode: bundleCode,
  applicant: applicantSchema,
  contact: z.strictObject({
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '手机或固定电话号码 / a mobile or landline number'),
  }),
  form: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,30}$/), z.string().trim().max(200)).default({}),
  materials: z.array(z.strictObject({ name: materialName, provided: z.boolean() })).max(120),
  decision: decisionSchema,
  memberDecisions: z.record(matterCode, decisionSchema).optional(),
});
export type BundleIntakeBody = z.infer<typeof bundleIntakeBody>;

export const bundleNumberParams = z.strictObject({ bundleNumber: z.string().regex(bundleNumberPattern, 'YJyyyymmdd-nnnn') });
export const definitionParams = z.strictObject({ code: bundleCode });

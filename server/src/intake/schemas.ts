import { z } from 'zod';
import { isValidIdNumber, isValidUscc } from './identity.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const name = z.string().trim().min(1).max(100);
const materialName = z.string().trim().min(1).max(200);

export const applicantSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('person'),
    name: z.string().trim().min(1).max(50),
    idNumber: z.string().trim().toUpperCase().refine(isValidIdNumber, '身份证号码无效（校验位不符） / invalid ID number (check digit)'),
  }),
  z.strictObject({
    kind: z.literal('organisation'),
    name,
    uscc: z.string().trim().toUpperCase().refine(isValidUscc, '统一社会信用代码无效（校验码不符） / invalid unified social credit code (check character)'),
  }),
]);

/** The clerk's decision (行政许可法第三十二条), or `receiveOnly`: take the materials and decide within 5 working days. */
export const decisionSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('accept') }),
  z.strictObject({
    outcome: z.literal('acceptWithPendingMaterials'),
    pendingMaterials: z.array(materialName).min(1).max(30),
    supplyBy: isoDate.optional(),
  }),
  z.strictObject({ outcome: z.literal('acceptOnCommitment'), commitment: z.strictObject({ signedBy: name }) }),
  z.strictObject({
    outcome: z.literal('requestCorrection'),
    items: z.array(z.strictObject({ material: materialName, problem: z.string().trim().min(2).max(500) })).min(1).max(50),
    supplyBy: isoDate.optional(),
  }),
  z.strictObject({
    outcome: z.literal('refuse'),
    reasons: z.array(z.string().trim().min(2).max(500)).min(1).max(10),
    competentBody: z.strictObject({ name, address: z.string().trim().max(200).optional() }).optional(),
  }),
  z.strictObject({ outcome: z.literal('receiveOnly') }),
]);
export type Decision = z.infer<typeof decisionSchema>;
export type Outcome = Decision['outcome'];

export const checklistSchema = z.array(z.strictObject({ name: materialName, provided: z.boolean() })).max(60);

export const intakeBodySchema = z.strictObject({
  matterCode: z.string().regex(/^[a-z0-9_]{2,40}$/),
  applicant: applicantSchema,
  contact: z.strictObject({
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '手机或固定电话号码 / a mobile or landline number'),
  }),
  materials: checklistSchema,
  decision: decisionSchema,
});
export type IntakeBody = z.infer<typeof intakeBodySchema>;

/** A later decision on a case that was only received (within the 5 working days). */
export const laterDecisionSchema = z.strictObject({ decision: decisionSchema });

export const supplySchema = z.strictObject({ materials: z.array(materialName).min(1).max(60) });

export const caseNumberParams = z.strictObject({ caseNumber: z.string().regex(/^ZW\d{8}-\d{4,6}$/, 'ZWyyyymmdd-nnnn') });

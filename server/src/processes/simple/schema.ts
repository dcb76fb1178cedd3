import { z } from 'zod';

const department = z.string().regex(/^[a-z][a-z0-9]{1,15}$/, 'a department code');
const limitDays = z.number().int().min(1).max(60);

/**
 * The facts of an application a 条件分支 may read: each a start variable of every case
 * (intake/process-starter.ts), with the values it can take. One list for the generator, the page
 * and the dry run's view of what a case holds.
 */
export const conditionFields = {
  applicantKind: ['person', 'organisation'],
  acceptanceMode: ['accept', 'acceptWithPendingMaterials', 'acceptOnCommitment'],
  handlingType: ['immediate', 'promised'],
} as const;
export type ConditionField = keyof typeof conditionFields;

const conditionFieldNames = Object.keys(conditionFields) as [ConditionField, ...ConditionField[]];

/** The steps a branch of a 条件分支 may hold (no 收件, 缮证, 发证: those belong to the whole case). */
const branchSteps = [
  z.strictObject({ kind: z.literal('review'), name: z.string().trim().min(1).max(40), department, power: z.enum(['reviewAndReport', 'coordinate']), limitDays }),
  z.strictObject({ kind: z.literal('decide'), department, seal: z.boolean() }),
  z.strictObject({ kind: z.literal('notify'), template: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/) }),
  z.strictObject({ kind: z.literal('parallelReview'), departments: z.array(department).min(2).max(10) }),
  // 联合审图: the units review at once, the lead department consolidates and issues the 综合审图意见书
  z.strictObject({ kind: z.literal('jointReview'), lead: department, units: z.array(department).min(2).max(10), limitDays }),
] as const;
export const branchNode = z.discriminatedUnion('kind', [...branchSteps]);
export type BranchNode = z.infer<typeof branchNode>;

const branch = z.strictObject({
  name: z.string().trim().min(1).max(30),
  field: z.enum(conditionFieldNames),
  value: z.string().min(1).max(40),
  nodes: z.array(branchNode).min(1).max(10),
}).refine((b) => (conditionFields[b.field] as readonly string[]).includes(b.value), { message: 'a value the field can take', path: ['value'] });

/**
 * The simple designer's (简易设计) node list, DingTalk style: one step after the other; a 条件分支 holds
 * branches that are node lists themselves, taken on a fact of the application, and 其他情况 for the
 * rest. Shared with the browser (`@server/processes/simple/schema.ts`).
 */
export const simpleNode = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('receive') }),
  ...branchSteps,
  z.strictObject({ kind: z.literal('condition'), branches: z.array(branch).min(1).max(4), otherwise: z.array(branchNode).max(10) }),
  z.strictObject({ kind: z.literal('prepareCertificate') }),
  z.strictObject({ kind: z.literal('issue') }),
]);
export type SimpleNode = z.infer<typeof simpleNode>;
export type SimpleKind = SimpleNode['kind'];

export const simpleProcess = z.strictObject({
  processId: z.string().regex(/^[a-z][a-z0-9]*-[A-Za-z0-9-]{1,60}$/, 'a process id `<department>-…`'),
  name: z.string().trim().min(1).max(60),
  nodes: z.array(simpleNode).min(1).max(30),
});
export type SimpleProcess = z.infer<typeof simpleProcess>;

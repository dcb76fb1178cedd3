import { z } from 'zod';
import { handlingTypes, limitUnits, matterTypes, processTemplates, resultKinds, windowCategories } from './vocabulary.ts';

const keys = <T extends object>(table: T) => Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A matter as a department admin writes it (the national elements plus the local flags). The web app
 * validates its edit form with this very schema, so the rules' messages read "中文 / English".
 */
export const matterBodySchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{2,40}$/),
  basicCode: z.string().regex(/^\d{12}$/, '12 digits (基本编码)'),
  implementationCode: text(80),
  implementingBodyUscc: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
  nameZh: text(100),
  nameEn: text(200),
  departmentCode: z.string().regex(/^[a-z]{2,16}$/),
  windowCategory: z.enum(keys(windowCategories)),
  typeCode: z.enum(keys(matterTypes)),
  handlingType: z.enum(keys(handlingTypes)),
  legalLimit: z.strictObject({ value: z.number().int().min(0).max(720), unit: z.enum(keys(limitUnits)), note: z.string().max(500).optional() }),
  promisedDays: z.number().int().min(0).max(720),
  materials: z.array(z.strictObject({
    name: text(200), required: z.boolean(), pendingAllowed: z.boolean().default(false),
    originals: z.number().int().min(0).max(50).default(0), copies: z.number().int().min(0).max(50).default(0),
    obtainableBySharing: z.boolean().default(false), note: z.string().max(500).optional(),
  })).min(1).max(60),
  commitmentAllowed: z.boolean().default(false),
  fee: z.strictObject({ charged: z.boolean(), note: z.string().max(500).optional() }),
  result: z.strictObject({ name: text(100), kind: z.enum(keys(resultKinds)), isCertificate: z.boolean() }),
  processTemplate: z.enum(keys(processTemplates)),
  process: z.strictObject({ processId: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/), version: z.number().int().min(1).optional() }),
  parallelDepartmentCodes: z.array(z.string().regex(/^[a-z]{2,16}$/)).max(20).default([]),
  constructionStage: z.string().max(50).optional(),
  keywords: z.array(text(30)).max(20).default([]),
}).superRefine((m, ctx) => {
  // 承诺时限不得超过法定时限 (DOMAIN.md §3); 即办件 promise 0 days.
  if (m.legalLimit.unit !== 'immediate' && m.promisedDays > m.legalLimit.value && m.legalLimit.value > 0) {
    ctx.addIssue({ code: 'custom', path: ['promisedDays'], message: '承诺时限不得超过法定时限 / the promised limit may not exceed the statutory limit' });
  }
  if (m.handlingType === 'immediate' && m.promisedDays !== 0) {
    ctx.addIssue({ code: 'custom', path: ['promisedDays'], message: '即办件承诺时限为 0 个工作日 / an immediate matter promises 0 days' });
  }
  const names = m.materials.map((x) => x.name);
  if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['materials'], message: '材料名称不能重复 / material names must be unique' });
});
export type MatterBody = z.infer<typeof matterBodySchema>;

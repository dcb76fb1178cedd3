import { z } from 'zod';

const department = z.string().regex(/^[a-z][a-z0-9]{1,15}$/, 'a department code');

/**
 * The simple designer's (简易设计) node list, DingTalk style: one step after the other, no gateway in
 * sight. Shared with the browser (`@server/processes/simple/schema.ts`).
 */
export const simpleNode = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('receive') }),
  z.strictObject({ kind: z.literal('review'), name: z.string().min(1).max(40), department, power: z.enum(['reviewAndReport', 'coordinate']), limitDays: z.number().int().min(1).max(60) }),
  z.strictObject({ kind: z.literal('decide'), department, seal: z.boolean() }),
  z.strictObject({ kind: z.literal('notify'), template: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/) }),
  z.strictObject({ kind: z.literal('parallelReview'), departments: z.array(department).min(2).max(10) }),
  z.strictObject({ kind: z.literal('prepareCertificate') }),
  z.strictObject({ kind: z.literal('issue') }),
]);
export type SimpleNode = z.infer<typeof simpleNode>;

export const simpleProcess = z.strictObject({
  processId: z.string().regex(/^[a-z][a-z0-9]*-[A-Za-z0-9-]{1,60}$/, 'a process id `<department>-…`'),
  name: z.string().min(1).max(60),
  nodes: z.array(simpleNode).min(1).max(30),
});
export type SimpleProcess = z.infer<typeof simpleProcess>;

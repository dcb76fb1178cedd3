import { z } from 'zod';

/** A local change to the working-day calendar, with the document that decided it; the server's rule and the web form's. */
export const overrideBody = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期 / choose a date (YYYY-MM-DD)'),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1, '请填写名称 / a name is required').max(60),
  source: z.string().trim().min(1, '请填写依据文件 / the deciding document is required').max(200).describe('e.g. 宁政办发〔2026〕1号'),
});
export type OverrideBody = z.infer<typeof overrideBody>;

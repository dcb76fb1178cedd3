import { z } from 'zod';
import { breakdownKeys } from './reports.ts';
import { exportFormats } from './export.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -');

/** Every report's filters: receipt (cases) or completion (steps) day range, matter, department, window, zone. */
export const filterShape = {
  from: day.optional().describe('first day, hall time (inclusive)'),
  to: day.optional().describe('last day, hall time (inclusive)'),
  matterCode: code.optional(),
  departmentCode: code.optional(),
  windowNumber: z.string().regex(/^[A-Z0-9-]{1,16}$/).optional(),
  zone: z.enum(['city', 'shapotou']).optional().describe('city: 市民大厅; shapotou: 沙坡头区 sub-hall'),
};
const format = z.enum(exportFormats).default('json').describe('json, or a download as csv / xlsx');
const processFilter = {
  processId: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/).optional(),
  processVersion: z.coerce.number().int().min(1).max(1_000_000).optional(),
};

export const bottleneckQuery = z.strictObject({ ...filterShape, ...processFilter, format });
export const breakdownQuery = z.strictObject({ ...filterShape, by: z.enum(breakdownKeys), format });
export const hallQuery = z.strictObject({ ...filterShape, format });
export const windowsQuery = z.strictObject({ ...filterShape, view: z.enum(['window', 'clerk', 'zone']).default('window'), format });
export const drillQuery = z.strictObject({
  ...filterShape, processId: processFilter.processId.unwrap(), processVersion: processFilter.processVersion,
  elementId: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/),
});

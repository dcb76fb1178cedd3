import { z } from 'zod';
import { paging, queryObject } from '../shared/http.ts';

const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -');

export const taskLists = ['all', 'mine', 'groups', 'dueSoon', 'overdue', 'cc'] as const;
export type TaskList = (typeof taskLists)[number];

export const listQuery = queryObject({
  list: z.enum(taskLists).default('all').describe('mine: assigned to me; groups: unclaimed in my groups; dueSoon (yellow); overdue (red); cc: copied to me'),
  matterCode: code.optional(),
  departmentCode: code.optional(),
  caseNumber: z.string().regex(/^[A-Z0-9-]{1,40}$/).optional(),
  sort: z.enum(['dueAt', '-dueAt', 'createdAt', '-createdAt']).default('dueAt'),
  ...paging,
});
export type ListQuery = z.infer<typeof listQuery>;

export const taskKeyParams = z.strictObject({ key: z.string().regex(/^[0-9A-Za-z._-]{1,64}$/, 'a task key') });

import { z } from 'zod';
import { paging, queryObject } from '../shared/http.ts';
import { taskKey, taskLists, taskSorts } from './vocabulary.ts';

export { bulkClaimBody, bulkClaimResult, taskLists, taskSorts, type BulkClaimBody, type BulkClaimResult, type TaskCounts, type TaskList } from './vocabulary.ts';

const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -');

export const listQuery = queryObject({
  list: z.enum(taskLists).default('all')
    .describe('mine: assigned to me; groups: unclaimed in my groups (待签收); dueSoon (yellow); overdue (red); done: completed by me (已办); cc: copied to me'),
  matterCode: code.optional(),
  departmentCode: code.optional(),
  stage: code.optional().describe('the step of the process (header `step`), e.g. review, decide'),
  applicant: z.string().trim().min(1).max(50).optional().describe('part of the applicant\'s name'),
  caseNumber: z.string().regex(/^[A-Z0-9-]{1,40}$/).optional(),
  sort: z.enum(taskSorts).default('dueAt'),
  ...paging,
});
export type ListQuery = z.infer<typeof listQuery>;

export const taskKeyParams = z.strictObject({ key: taskKey });


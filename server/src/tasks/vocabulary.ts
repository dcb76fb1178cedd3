import { z } from 'zod';

// The board's vocabulary, shared with the web app (no server-only imports here).

/** The board's lists; `done` holds closed tasks, every other list open ones. */
export const taskLists = ['all', 'mine', 'groups', 'dueSoon', 'overdue', 'done', 'cc'] as const;
export type TaskList = (typeof taskLists)[number];

/** List orders. `priority`: tasks under 督办 (urged) first, the most recently urged first, then by due time. */
export const taskSorts = ['dueAt', '-dueAt', 'createdAt', '-createdAt', 'priority'] as const;

/** A task key as the engine and the board write it. */
export const taskKey = z.string().regex(/^[0-9A-Za-z._-]{1,64}$/, 'a task key');

/** 批量签收: up to 100 tasks in one request, each answered on its own. */
export const bulkClaimBody = z.strictObject({
  keys: z.array(taskKey).min(1).max(100).refine((keys) => new Set(keys).size === keys.length, 'each task once'),
});
export type BulkClaimBody = z.infer<typeof bulkClaimBody>;

/** One task's answer in a bulk claim: claimed (now or already by me), or the problem's code and messages. */
export const bulkClaimResult = z.object({
  key: z.string(),
  ok: z.boolean(),
  status: z.number().int(),
  code: z.string().optional(),
  message: z.object({ zh: z.string(), en: z.string() }).optional(),
});
export type BulkClaimResult = z.infer<typeof bulkClaimResult>;

/** The counts of every list, as `GET /api/tasks/counts` and the stream's `counts` event carry them. */
export type TaskCounts = Record<TaskList, number>;

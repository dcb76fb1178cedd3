import { z } from 'zod';

/** The bodies of the rectification's board steps, shared with the browser's task page: zod only. */
export const rectifyBody = z.strictObject({
  verification: z.string().trim().min(2).max(1000),
  reply: z.string().trim().min(2).max(1000),
  /** 回访核实 done (required for a named rating). */
  calledBack: z.boolean(),
});
export const contestBody = z.strictObject({ reason: z.string().trim().min(4).max(1000) });
export const reviewContestBody = z.strictObject({ upheld: z.boolean(), note: z.string().trim().min(2).max(500) });

import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { AuditTrail } from '../audit/index.ts';
import type { Job, JobResult } from '../engine/index.ts';
import { taskModel } from '../tasks/index.ts';
import { recordOnce } from './events.ts';
import { hotlineOrderModel, type HotlineOrder } from './model.ts';

export const superviseVariables = z.object({ orderNumber: z.string().min(1) });
export const superviseHeaders = z.object({ level: z.enum(['urge', 'supervise']) });

/**
 * `hotlineSupervise` (超期催办 / 督办): at the handling limit the department is urged (the board task
 * carries the 催办 like a director's), five working days later the order is marked 督办 for the
 * director. Takes zod-parsed variables; once per job key.
 */
export async function superviseOrder(
  deps: { db: Connection; trail: AuditTrail },
  job: { key: string; processInstanceKey: string },
  variables: z.infer<typeof superviseVariables>,
  headers: z.infer<typeof superviseHeaders>,
  now: Date,
): Promise<JobResult> {
  const orders = hotlineOrderModel(deps.db);
  const order = await orders.findById(variables.orderNumber).lean<HotlineOrder>();
  if (!order) return { outcome: 'fail', retries: 0, errorMessage: `hotline order ${variables.orderNumber} not found` };
  const urge = headers.level === 'urge';
  const fresh = await recordOnce({ orders, trail: deps.trail }, order, { id: `job:${job.key}`, at: now, type: urge ? 'urged' : 'supervised', by: 'system' },
    urge ? { $inc: { urged: 1 } } : { $set: { supervised: true } });
  if (fresh && urge) {
    await taskModel(deps.db).updateOne({ processInstanceKey: job.processInstanceKey, elementId: 'handle', state: 'open' },
      { $push: { urges: { by: 'system', at: now, note: '12345 工单办理超期催办' } }, $set: { lastUrgedAt: now } });
  }
  return { outcome: 'complete' };
}

export function hotlineJobHandlers(deps: { db: Connection; trail: AuditTrail; clock?: () => Date }) {
  return {
    hotlineSupervise: async (job: Job): Promise<JobResult> => {
      const variables = superviseVariables.safeParse(job.variables);
      const headers = superviseHeaders.safeParse(job.customHeaders);
      if (!variables.success || !headers.success) return { outcome: 'fail', retries: 0, errorMessage: 'hotlineSupervise: orderNumber variable or level header missing' };
      return superviseOrder(deps, job, variables.data, headers.data, (deps.clock ?? (() => new Date()))());
    },
  };
}

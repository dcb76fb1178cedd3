import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { AuditTrail } from '../audit/index.ts';
import type { JobResult } from '../engine/index.ts';
import { choice, defineJob } from '../jobs/define.ts';
import { taskModel } from '../tasks/index.ts';
import { recordOnce } from './events.ts';
import { hotlineOrderModel, type HotlineOrder } from './model.ts';

/**
 * `hotlineSupervise` (超期催办 / 督办): at the handling limit the department is urged (the board task
 * carries the 催办 like a director's), five working days later the order is marked 督办 for the
 * director. Takes zod-parsed variables; once per job key.
 */
export const hotlineSuperviseJob = defineJob({
  type: 'hotlineSupervise', zh: '热线催办督办',
  description: '12345 工单办理超期：到期催办承办单位（看板任务标记催办），超期 5 个工作日升级督办。',
  headers: { level: choice('级别', { urge: '催办', supervise: '督办' }, { description: 'urge：催办；supervise：督办' }) },
  variables: z.object({ orderNumber: z.string().min(1) }).loose(),
  writes: [],
  handler: (deps: { db: Connection; trail: AuditTrail; clock?: () => Date }) => async (job): Promise<JobResult> => {
    const now = (deps.clock ?? (() => new Date()))();
    const variables = job.input;
    const headers = job.headers;
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
  },
});

import mongoose from 'mongoose';
import type { Case } from './case.model.ts';
import { deemedAcceptance } from './decisions.ts';
import type { IntakeService } from './service.ts';

/**
 * The intake deadlines, kept as due dates on the cases and swept from MongoDB (so a deadline that
 * passed while the server was down is acted on at the next sweep):
 * - 行政许可法第三十二条第四款: no decision within 5 working days of receipt → deemed accepted from
 *   the day of receipt;
 * - 容缺: pending materials not supplied by their deadline → the case is terminated (终止办理) and
 *   its process cancelled.
 * Each change goes through the case's version guard, so two sweeps never act twice.
 */
export class IntakeTimers {
  private timer?: NodeJS.Timeout;

  constructor(private readonly intake: IntakeService) {}

  async sweep(): Promise<{ deemedAccepted: number; terminated: number; drained: number }> {
    const today = this.intake.today();
    let deemedAccepted = 0;
    let terminated = 0;
    const late = await this.intake.cases.find({ status: 'received', correctionNoticeDeadline: mongoose.trusted({ $lt: today }) }).lean<Case[]>();
    for (const caseDoc of late) {
      const ctx = await this.intake.context(await this.intake.matter(caseDoc.matterCode));
      await this.intake.apply(caseDoc, deemedAcceptance(ctx, caseDoc), 'system').then(() => deemedAccepted++, ignoreConflict);
    }
    const overdue = await this.intake.cases.find({
      status: 'accepted', 'pendingMaterials.supplyBy': mongoose.trusted({ $lt: today }), 'pendingMaterials.allSuppliedOn': null,
    }).lean<Case[]>();
    for (const caseDoc of overdue) {
      const missing = caseDoc.pendingMaterials!.names.filter((n) => !caseDoc.materials.find((m) => m.name === n)?.provided);
      await this.intake.apply(caseDoc, {
        set: { status: 'terminated', stage: 'closed', termination: { on: today, reason: `容缺材料逾期未补齐：${missing.join('、')}` } },
        outbox: ['cancelProcess', 'notify:terminated'],
        timeline: { type: 'terminated', note: '容缺材料逾期未补齐，终止办理', data: { missing } },
      }, 'system').then(() => terminated++, ignoreConflict);
    }
    const drained = await this.intake.outbox.drainAll();
    return { deemedAccepted, terminated, drained };
  }

  start(intervalMs = 60_000): void {
    const tick = () => { this.sweep().catch(() => undefined).finally(() => { this.timer = setTimeout(tick, intervalMs); }); };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Another sweep or a clerk changed the case first: the next sweep sees its new state. */
function ignoreConflict(error: { code?: string }): void {
  if (error.code !== 'CASE_CHANGED') throw error;
}

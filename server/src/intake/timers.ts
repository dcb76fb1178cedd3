import mongoose from 'mongoose';
import type { Case } from './case.model.ts';
import { deemedAcceptance } from './decisions.ts';
import type { IntakeService } from './service.ts';
import { ClaimStore } from '../topology/claims.ts';
import type { Logger } from '../shared/logger.ts';

export interface SweepResult {
  deemedAccepted: number;
  terminated: number;
  drained: number;
  /** Another process (or this one's previous tick) held the sweep's claim: nothing was done. */
  skipped?: boolean;
}

/**
 * The intake deadlines, kept as due dates on the cases and swept from MongoDB (so a deadline that
 * passed while the server was down is acted on at the next sweep):
 * - 行政许可法第三十二条第四款: no decision within 5 working days of receipt → deemed accepted from
 *   the day of receipt;
 * - 容缺: pending materials not supplied by their deadline → the case is terminated (终止办理) and
 *   its process cancelled.
 * A sweep runs under the claim `sweep:intake` (topology/claims.ts), so of several server processes
 * one sweeps at a time; each change also goes through the case's version guard.
 */
export class IntakeTimers {
  private timer?: NodeJS.Timeout;
  private readonly claims: ClaimStore;
  private readonly claimTtlMs: number;
  private readonly logger?: Logger;

  constructor(private readonly intake: IntakeService, options: { claims?: ClaimStore; claimTtlMs?: number; logger?: Logger } = {}) {
    this.claims = options.claims ?? new ClaimStore(intake.cases.db);
    this.claimTtlMs = options.claimTtlMs ?? 5 * 60_000;
    this.logger = options.logger;
  }

  async sweep(): Promise<SweepResult> {
    const ran = await this.claims.runClaimed('sweep:intake', this.claimTtlMs, () => this.sweepClaimed());
    return ran.skipped ? { deemedAccepted: 0, terminated: 0, drained: 0, skipped: true } : ran.value;
  }

  private async sweepClaimed(): Promise<SweepResult> {
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
    // A failed sweep is retried by the next tick; it is logged so a sweep that keeps failing is seen.
    const tick = () => {
      this.sweep().catch((err: unknown) => this.logger?.error({ err, sweep: 'intake' }, 'intake sweep failed; the next tick retries'))
        .finally(() => { this.timer = setTimeout(tick, intervalMs); });
    };
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

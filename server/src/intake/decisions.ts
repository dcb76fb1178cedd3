import type { Matter } from '../catalog/index.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { problem } from '../shared/errors.ts';
import type { Case } from './case.model.ts';
import type { Decision } from './schemas.ts';

export interface DecisionEffect {
  set: Partial<Case>;
  /** Work to do after the state is saved: notices to issue, the process to start. */
  outbox: string[];
  timeline: { type: string; note?: string; data?: Record<string, unknown> };
}

export interface DecisionContext {
  matter: Matter;
  calendar: WorkingCalendar;
  today: string;
  countFromNextDay: boolean;
  correctionNoticeDays: number;
  commitmentVerificationDays: number;
  /** Working days the correction notice gives the applicant unless the clerk names a date. */
  correctionSupplyDays: number;
}

/** Statutory limit in working days (行政许可法第八十二条: the law's limits are working days). */
const legalDays = (matter: Matter) => (matter.legalLimit.unit === 'immediate' ? 0 : matter.legalLimit.value);

function acceptance(ctx: DecisionContext, acceptedOn: string) {
  const count = { countFromNextDay: ctx.countFromNextDay };
  return {
    status: 'accepted' as const,
    stage: 'approval' as const,
    acceptedOn,
    dueDate: ctx.calendar.addWorkingDays(acceptedOn, ctx.matter.promisedDays, count),
    legalDueDate: ctx.calendar.addWorkingDays(acceptedOn, legalDays(ctx.matter), count),
  };
}

/** What a decision does to a case that is at intake. Pure; throws SUPPLY_DEADLINE_OUT_OF_RANGE for a date out of bounds. */
export function decisionEffect(ctx: DecisionContext, caseDoc: Pick<Case, 'receivedOn' | 'materials'>, decision: Decision, openMaterials: string[]): DecisionEffect {
  switch (decision.outcome) {
    case 'accept':
      return { set: { ...acceptance(ctx, ctx.today), acceptanceMode: 'standard' }, outbox: ['notice:acceptance', 'startProcess'], timeline: { type: 'accepted' } };
    case 'acceptWithPendingMaterials': {
      const accepted = acceptance(ctx, ctx.today);
      // 容缺: the deadline to supply is no later than the promised limit (DOMAIN.md §4).
      const supplyBy = decision.supplyBy ?? accepted.dueDate;
      if (supplyBy > accepted.dueDate || supplyBy < ctx.today) {
        throw problem('SUPPLY_DEADLINE_OUT_OF_RANGE', { params: { dueDate: accepted.dueDate }, fields: [{ field: 'body.decision.supplyBy', message: `after ${accepted.dueDate}` }] });
      }
      return {
        set: { ...accepted, acceptanceMode: 'pendingMaterials', pendingMaterials: { names: openMaterials, supplyBy } },
        outbox: ['notice:conditionalAcceptance', 'startProcess'],
        timeline: { type: 'acceptedWithPendingMaterials', data: { pendingMaterials: openMaterials, supplyBy } },
      };
    }
    case 'acceptOnCommitment': {
      const accepted = acceptance(ctx, ctx.today);
      // 告知承诺 (国办发〔2020〕42号): decided on the promise, verified afterwards (事中事后核查).
      const verifyBy = ctx.calendar.addWorkingDays(accepted.dueDate, ctx.commitmentVerificationDays);
      return {
        set: { ...accepted, acceptanceMode: 'commitment', commitment: { signedBy: decision.commitment.signedBy, materials: openMaterials, verifyBy } },
        outbox: ['notice:acceptance', 'startProcess'],
        timeline: { type: 'acceptedOnCommitment', data: { committedMaterials: openMaterials, verifyBy } },
      };
    }
    case 'requestCorrection': {
      if (decision.supplyBy && decision.supplyBy < ctx.today) {
        throw problem('SUPPLY_DEADLINE_OUT_OF_RANGE', { params: {}, fields: [{ field: 'body.decision.supplyBy', message: 'in the past' }] });
      }
      // The law sets no limit for the applicant; the notice names one (local practice, 20 working days).
      const supplyBy = decision.supplyBy ?? ctx.calendar.addWorkingDays(ctx.today, ctx.correctionSupplyDays);
      return {
        set: { status: 'correctionRequested', stage: 'intake', correction: { items: decision.items, requestedOn: ctx.today, supplyBy } },
        outbox: ['notice:correction', 'notify:correctionRequested'],
        timeline: { type: 'correctionRequested', data: { items: decision.items.length } },
      };
    }
    case 'refuse':
      return {
        set: { status: 'refused', stage: 'closed', refusal: { reasons: decision.reasons, competentBody: decision.competentBody } },
        outbox: ['notice:refusal', 'notify:refused'],
        timeline: { type: 'refused', data: { reasons: decision.reasons.length } },
      };
    case 'receiveOnly':
      // 行政许可法第三十二条第四款: a correction notice is due within 5 days (working days, art. 82);
      // if none is issued by then, the application counts as accepted from the day of receipt.
      return {
        set: { status: 'received', stage: 'intake', correctionNoticeDeadline: ctx.calendar.addWorkingDays(caseDoc.receivedOn, ctx.correctionNoticeDays) },
        outbox: [],
        timeline: { type: 'receivedForReview' },
      };
  }
}

/** 行政许可法第三十二条第四款: no notice in time → accepted from the day the materials were received. */
export function deemedAcceptance(ctx: DecisionContext, caseDoc: Pick<Case, 'receivedOn'>): DecisionEffect {
  return {
    set: { ...acceptance(ctx, caseDoc.receivedOn), acceptanceMode: 'deemed' },
    outbox: ['notice:acceptance', 'startProcess'],
    timeline: { type: 'deemedAccepted', note: '逾期未告知补正，自收到申请材料之日起即为受理（行政许可法第三十二条第四款）' },
  };
}

/** The corrections are in: 受理 on the day the last 补正 material arrived; the time in 补正 never counted. */
export function correctionSuppliedEffect(ctx: DecisionContext): DecisionEffect {
  return {
    set: { ...acceptance(ctx, ctx.today), acceptanceMode: 'standard' },
    outbox: ['notice:acceptance', 'startProcess'],
    timeline: { type: 'correctionSupplied' },
  };
}

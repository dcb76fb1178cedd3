import { todayInHall, type WorkingCalendar } from '../calendar/index.ts';
import type { HallWindow } from '../catalog/index.ts';
import type { Case } from '../intake/index.ts';
import type { CaseFact } from './facts.ts';

const DECISIONS = new Set(['accepted', 'acceptedWithPendingMaterials', 'acceptedOnCommitment', 'correctionRequested', 'refused', 'deemedAccepted']);
const HOUR = 3_600_000;

/** The (sub-)hall of a window: the 沙坡头区即办窗口 form the Shapotou sub-hall, the rest the city hall. */
export const zoneOf = (window: Pick<HallWindow, 'category'> | undefined): string => (window?.category === 'shapotouImmediate' ? 'shapotou' : 'city');

/**
 * The case as the reports count it. Working days are counted after acceptance up to and including
 * the day of completion, the clock's pauses (补正, 第四十五条) left out — the way the case's own
 * deadline was counted; limits are the same count up to the legal and the promised due date.
 */
export function caseFactOf(c: Case, calendar: WorkingCalendar, window: HallWindow | undefined): CaseFact {
  const received = c.timeline.find((t) => t.type === 'received');
  const decision = c.timeline.find((t) => DECISIONS.has(t.type));
  const completedAt = c.timeline.find((t) => t.type === 'completed')?.at;
  const completedOn = c.status === 'completed' && completedAt ? todayInHall(new Date(completedAt)) : null;
  const pauses = c.pauses.filter((p) => p.to).map((p) => ({ from: p.from, to: p.to! }));
  const span = (to: string | undefined | null) => (c.acceptedOn && to ? calendar.workingDaysBetween(c.acceptedOn, to, { pauses }) : null);
  const pending = c.acceptanceMode === 'pendingMaterials' && c.pendingMaterials;
  return {
    _id: c.caseNumber, matterCode: c.matterCode, departmentCode: c.departmentCode, windowNumber: c.windowNumber, zone: zoneOf(window),
    clerk: received?.actor ?? c.receivedBy, windowGroup: window?.group ?? (c.windowNumber.startsWith('C') ? 'comprehensive' : 'categorized'),
    day: c.receivedOn, status: c.status, handlingType: c.handlingType, acceptanceMode: c.acceptanceMode ?? null,
    decisionHours: received && decision ? round((new Date(decision.at).getTime() - new Date(received.at).getTime()) / HOUR) : null,
    completed: completedOn !== null,
    onTime: completedOn ? !c.dueDate || completedOn <= c.dueDate : null,
    workingDaysUsed: span(completedOn),
    legalLimitDays: span(c.legalDueDate),
    promisedLimitDays: span(c.dueDate),
    corrections: c.timeline.filter((t) => t.type === 'correctionRequested' || t.type === 'approval.returnedForCorrection').length,
    returns: c.timeline.filter((t) => t.type === 'approval.returned').length,
    pendingMaterials: Boolean(pending),
    pendingKept: Boolean(pending && pending.allSuppliedOn && pending.allSuppliedOn <= pending.supplyBy),
    commitment: c.acceptanceMode === 'commitment',
  };
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

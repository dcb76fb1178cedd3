import type { Case } from '../intake/index.ts';
import type { BundleMember } from './models.ts';

/** Where a member stands, as the desk, the issuing window and the public page show it. */
export type MemberState = 'received' | 'awaitingCorrection' | 'inProgress' | 'paused' | 'decided' | 'completed' | 'notAccepted' | 'terminated';

export const memberStateNames: Record<MemberState, { zh: string; en: string }> = {
  received: { zh: '材料审查中', en: 'Materials under review' },
  awaitingCorrection: { zh: '待补正', en: 'Awaiting correction' },
  inProgress: { zh: '审批中', en: 'In progress' },
  paused: { zh: '退回补正（暂停计时）', en: 'Returned for correction (clock paused)' },
  decided: { zh: '已决定，待统一出件', en: 'Decided; waiting to be issued together' },
  completed: { zh: '已办结', en: 'Completed' },
  notAccepted: { zh: '不予受理', en: 'Not accepted' },
  terminated: { zh: '终止办理', en: 'Terminated' },
};

export interface MemberProgress {
  state: MemberState;
  /** Set once the member is decided: the bundle no longer waits for it. */
  outcome?: NonNullable<BundleMember['outcome']>;
}

/**
 * A member case's state. A member is decided when a sealed decision (准予 or 不予) is on its case,
 * when it was not accepted at the window, or when it was terminated: a refused member is decided
 * and blocks no one. A member returned for correction (an open pause) stops only its own clock.
 */
export function memberProgress(caseDoc: Pick<Case, 'status' | 'documents' | 'pauses' | 'processEnded'>): MemberProgress {
  const kinds = new Set(caseDoc.documents.map((d) => d.kind));
  const refused = kinds.has('licenceRefusal') || caseDoc.processEnded?.outcome === 'refused';
  switch (caseDoc.status) {
    case 'refused': return { state: 'notAccepted', outcome: 'notAccepted' };
    case 'terminated': return { state: 'terminated', outcome: 'terminated' };
    case 'completed': return { state: 'completed', outcome: refused ? 'refused' : 'granted' };
    case 'received': return { state: 'received' };
    case 'correctionRequested': return { state: 'awaitingCorrection' };
    case 'accepted':
      if (refused) return { state: 'decided', outcome: 'refused' };
      if (kinds.has('licenceGrant')) return { state: 'decided', outcome: 'granted' };
      return { state: caseDoc.pauses.some((p) => !p.to) ? 'paused' : 'inProgress' };
  }
}

/** A member whose case is over: nothing is left to hand over for it. */
export const memberClosed = (state: MemberState) => state === 'completed' || state === 'notAccepted' || state === 'terminated';

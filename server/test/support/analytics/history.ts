import type { UserTask } from '../../../src/engine/index.ts';
import type { Case } from '../../../src/intake/index.ts';

/**
 * The hand-computed history of analytics.test.ts (hall time is UTC+8; 01:00Z is 09:00 in the hall).
 * - A: window C01, received Mon 28 Sep, accepted 2 h later, due 9 Oct (legal 19 Oct), completed Fri
 *   9 Oct → on time; 4 working days used (29, 30 Sep, 8, 9 Oct), legal limit 11.
 * - B: window C02, 容缺 kept (all supplied 12 Oct, promised by 16 Oct), received and accepted 9 Oct,
 *   due 13 Oct (3 working days: Sat 10 Oct is a make-up day), completed Wed 14 Oct → late; 4 used,
 *   legal 23 Oct = 11; returned once.
 * - C: Shapotou window K04-01, 即办件 on commitment (告知承诺), decided after 1 h, completed the same day.
 * - E: window C01, correction requested after 24 h, then refused.
 */
const base = {
  A: { window: 'C01', clerk: 'clerk', matter: 'zjj_ltst', dept: 'zjj', received: '2026-09-28T01:00:00Z', decisionAfterH: 2, decision: 'accepted', mode: 'standard', on: '2026-09-28', due: '2026-10-09', legal: '2026-10-19', done: '2026-10-09T08:00:00Z' },
  B: { window: 'C02', clerk: 'clerk', matter: 'zjj_ltst', dept: 'zjj', received: '2026-10-09T01:00:00Z', decisionAfterH: 0, decision: 'acceptedWithPendingMaterials', mode: 'pendingMaterials', on: '2026-10-09', due: '2026-10-13', legal: '2026-10-23', done: '2026-10-14T02:00:00Z' },
  C: { window: 'K04-01', clerk: 'clerk.sp', matter: 'gaj_cs', dept: 'gaj', received: '2026-10-12T01:00:00Z', decisionAfterH: 1, decision: 'acceptedOnCommitment', mode: 'commitment', on: '2026-10-12', due: '2026-10-12', legal: '2026-10-12', done: '2026-10-12T06:00:00Z' },
  E: { window: 'C01', clerk: 'clerk', matter: 'zjj_ltst', dept: 'zjj', received: '2026-10-12T02:00:00Z', decisionAfterH: 24, decision: 'correctionRequested', mode: undefined, on: undefined, due: undefined, legal: undefined, done: undefined },
} as const;

const plusHours = (iso: string, h: number) => new Date(new Date(iso).getTime() + h * 3_600_000);

export function caseOf(id: keyof typeof base, options: { completed?: boolean } = {}): Case {
  const b = base[id];
  const completed = options.completed !== false && b.done !== undefined;
  const timeline = [
    { at: new Date(b.received), type: 'received', actor: b.clerk },
    { at: plusHours(b.received, b.decisionAfterH), type: b.decision, actor: b.clerk },
    ...(id === 'E' ? [{ at: plusHours(b.received, 48), type: 'refused', actor: b.clerk }] : []),
    ...(id === 'B' ? [{ at: new Date('2026-10-12T03:00:00Z'), type: 'approval.returned', actor: 'approver.zjj' }] : []),
    ...(completed ? [{ at: new Date(b.done!), type: 'completed' }] : []),
  ];
  return {
    caseNumber: `ZW-${id}`, matterCode: b.matter, matterName: b.matter, departmentCode: b.dept, handlingType: id === 'C' ? 'immediate' : 'promised',
    windowNumber: b.window, receivedBy: `id-${b.clerk}`, applicant: { kind: 'person', name: '申请人' }, contact: { name: '申请人', phone: '13800000000', phoneLast4: '0000' }, receivedOn: b.received.slice(0, 10), materials: [], pauses: [], documents: [], outbox: [],
    status: id === 'E' ? 'refused' : completed ? 'completed' : 'accepted', stage: completed || id === 'E' ? 'closed' : 'approval',
    acceptanceMode: b.mode, acceptedOn: b.on, dueDate: b.due, legalDueDate: b.legal,
    pendingMaterials: id === 'B' ? { names: ['图纸'], supplyBy: '2026-10-16', allSuppliedOn: '2026-10-12' } : undefined,
    commitment: id === 'C' ? { signedBy: '申请人', materials: ['证明'], verifyBy: '2026-11-12' } : undefined,
    timeline, rev: 0, createdAt: new Date(b.received), updatedAt: new Date(b.received),
  } as unknown as Case;
}

export function task(key: string, caseId: keyof typeof base, createdAt: string, dueDate: string, overrides: Partial<UserTask> = {}): UserTask {
  return {
    key, processInstanceKey: `p-${caseId}`, processId: 'single-department-approval', processVersion: 1, elementId: 'review', elementInstanceKey: `e-${key}`,
    name: '审查', candidateGroups: ['dept:zjj'], candidateUsers: [], customHeaders: {}, dueDate, createdAt,
    variables: { caseId: `ZW-${caseId}`, matterCode: base[caseId].matter }, ...overrides,
  };
}

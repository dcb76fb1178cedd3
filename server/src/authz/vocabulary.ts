import type { ForcedSubject, MongoAbility } from '@casl/ability';

/**
 * What CASL rules speak about. Stored values and identifiers are English (docs/glossary.md).
 *
 * Field conventions every feature keeps so that rules can be written on fields and list queries
 * filtered with `accessibleBy` (the rules in ability.ts read exactly these fields):
 * - Case: `departmentCode` (responsible department), `matterCode`, `receivedBy` (user id of the
 *   window clerk, as a string), `stage` (`intake` | `approval` | `issuing` | `closed` …).
 * - Task: `departmentCode`, `matterCode`, `candidateGroups` (role names or `dept:<code>`), `assignee`.
 * - Document: the case's `departmentCode`, `matterCode`, `receivedBy`, `stage` copied onto it.
 * - Process: `departmentCode` — the `<department>-` prefix of the process id; none for hall-wide ones;
 *   `authorId` — on a draft, the user who wrote it (a reviewer is never the author).
 * - Matter / Material / Delegation / User / AuditRecord: `departmentCode`; Matter also
 *   `windowCategory` (which category window receives it: action `receive`).
 * - HotlineTicket (12345 工单): `departmentCode` (lead department), `coHandlers` (协办). Rating: `departmentCode`.
 * - QueueWindow (叫号 at a window): `windowNumber`. Queue: the hall's queues as a whole (figures, 停止取号).
 * - Register (supervisors' registers: seal uses, certificates, cases by deadline, 督办): the
 *   `departmentCode` of the rows read.
 * - Report (the director's figures, analytics/): `departmentCode` of the figures read.
 * - Supervision (督办 orders, monitoring/): `departmentCode` of the department supervised.
 * - ProcessVersion: a published version of a process (its diagram and history; no case data).
 */
export const subjectNames = [
  'Case', 'Task', 'Matter', 'Material', 'Department', 'Delegation', 'Document', 'Process', 'User',
  'AuditRecord', 'Calendar', 'HotlineTicket', 'Register', 'Incident', 'Queue', 'QueueWindow', 'Report', 'Supervision',
  'ProcessVersion',
  // 好差评 (issue 18): a rating of a case or hotline order; `departmentCode` of the department rated
  'Rating',
  // 一件事 (bundles/): a definition by `leadDepartmentCode` and `status`; a bundle received by `receivedBy` and `stage`
  'Bundle',
] as const;
export type SubjectName = (typeof subjectNames)[number];

/**
 * Actions. `manage` is CASL's wildcard (any action). Delegated powers (授权) are actions of their own:
 * `decide` (审批决定权), `coordinate` (组织协调权), `reviewAndReport` (审核上报权), `useSeal`
 * (行政审批专用章). `submit` hands a process draft in for review (提交审核); `deploy` publishes it;
 * `deployWithoutReview` deploys a BPMN file straight away, without a draft and a reviewer (the
 * hall's designers).
 * `receive` (收件) on a Matter: the clerk's window may take in applications for it.
 */
export const actions = [
  'manage', 'read', 'create', 'update', 'delete',
  'receive', 'handle', 'claim', 'decide', 'coordinate', 'reviewAndReport', 'useSeal', 'supervise', 'issue',
  'submit', 'deploy', 'deployWithoutReview', 'grant', 'revoke', 'verify', 'dispatch', 'resolve', 'reply',
] as const;
export type Action = (typeof actions)[number];

export const delegatedPowers = ['decide', 'coordinate', 'reviewAndReport', 'useSeal'] as const;
export type DelegatedPower = (typeof delegatedPowers)[number];

export const delegatedPowerNames: Record<DelegatedPower, { zh: string; en: string }> = {
  decide: { zh: '审批决定权', en: 'Decision power' },
  coordinate: { zh: '组织协调权', en: 'Coordination power' },
  reviewAndReport: { zh: '审核上报权', en: 'Review-and-report power' },
  useSeal: { zh: '行政审批专用章使用权', en: 'Use of the administrative approval seal' },
};

/** A record tagged with its subject type (see `subjectOf`). */
export type SubjectRecord = ForcedSubject<SubjectName> & Record<string, unknown>;
export type AppSubject = SubjectName | 'all' | SubjectRecord;
export type AppAbility = MongoAbility<[Action, AppSubject]>;

/**
 * A delegation as the ability sees it: already known to be active at the time the ability is built
 * for (not revoked, inside its validity). `matterCodes` empty with `allMatters` means every matter of
 * the department.
 */
export interface ActiveDelegation {
  id: string;
  departmentCode: string;
  powers: DelegatedPower[];
  allMatters: boolean;
  matterCodes: string[];
  validFrom: Date;
  validUntil: Date;
  revokedAt?: Date | null;
}

/** The window a clerk sits at, as the ability sees it (catalog's windows): which matters it receives. */
export interface ClerkWindow {
  number: string;
  /** `comprehensive` (综合窗口: every hall matter) or `categorized` (分类窗口: its category's). */
  group: string;
  /** `acceptance` windows receive applications; `issuing` windows hand over results. */
  role: string;
  category: string;
}

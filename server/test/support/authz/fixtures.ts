import type { Principal } from '../../../src/auth/index.ts';
import type { ActiveDelegation, SubjectName } from '../../../src/authz/vocabulary.ts';

/** Shared fixtures of the authority tests: one principal per role, records of two departments. */
export const ids = { clerk: 'u-clerk', otherClerk: 'u-clerk2', issuer: 'u-issuer', approver: 'u-appr', admin: 'u-admin', designer: 'u-des', director: 'u-dir', hotline: 'u-hot', sysadmin: 'u-sys', applicant: 'u-app' };

export const principals: Record<string, Principal> = {
  windowClerk: { userId: ids.clerk, username: 'clerk', roles: ['windowClerk'], windowNumber: 'C01' },
  issuingClerk: { userId: ids.issuer, username: 'issuer', roles: ['issuingClerk'], windowNumber: 'C18' },
  approver: { userId: ids.approver, username: 'approver.zjj', roles: ['approver'], departmentCode: 'zjj' },
  departmentAdmin: { userId: ids.admin, username: 'admin.zjj', roles: ['departmentAdmin'], departmentCode: 'zjj' },
  processDesigner: { userId: ids.designer, username: 'designer', roles: ['processDesigner'] },
  director: { userId: ids.director, username: 'director', roles: ['director'] },
  hotlineOperator: { userId: ids.hotline, username: 'hotline', roles: ['hotlineOperator'] },
  systemAdmin: { userId: ids.sysadmin, username: 'sysadmin', roles: ['systemAdmin'] },
  applicant: { userId: ids.applicant, username: 'citizen', roles: [] },
};

export const NOW = new Date('2026-06-15T02:00:00Z');
const day = 86_400_000;

export function delegation(overrides: Partial<ActiveDelegation> = {}): ActiveDelegation {
  return {
    id: 'd1', departmentCode: 'zjj', powers: ['decide'], allMatters: false, matterCodes: ['zjj-A'],
    validFrom: new Date(NOW.getTime() - 10 * day), validUntil: new Date(NOW.getTime() + 10 * day), revokedAt: null,
    ...overrides,
  };
}

/** The approver of the table holds decide + useSeal for matter zjj-A and coordinate for all zjj matters. */
export const tableDelegations = [
  delegation({ id: 'd1', powers: ['decide', 'useSeal'], matterCodes: ['zjj-A'] }),
  delegation({ id: 'd2', powers: ['coordinate'], allMatters: true, matterCodes: [] }),
];

export const fixtures: Record<string, { type: SubjectName; record: Record<string, unknown> }> = {
  'Case.zjjA': { type: 'Case', record: { departmentCode: 'zjj', matterCode: 'zjj-A', receivedBy: ids.clerk, stage: 'approval' } },
  'Case.zjjBIntake': { type: 'Case', record: { departmentCode: 'zjj', matterCode: 'zjj-B', receivedBy: ids.clerk, stage: 'intake' } },
  'Case.gajIssuing': { type: 'Case', record: { departmentCode: 'gaj', matterCode: 'gaj-A', receivedBy: ids.otherClerk, stage: 'issuing' } },
  'Case.scjA': { type: 'Case', record: { departmentCode: 'scj', matterCode: 'scj-A', receivedBy: ids.otherClerk, stage: 'approval' } },
  'Task.zjjA': { type: 'Task', record: { departmentCode: 'zjj', matterCode: 'zjj-A', candidateGroups: ['dept:zjj'] } },
  'Task.zjjB': { type: 'Task', record: { departmentCode: 'zjj', matterCode: 'zjj-B', candidateGroups: ['dept:zjj'] } },
  'Task.gajA': { type: 'Task', record: { departmentCode: 'gaj', matterCode: 'gaj-A', candidateGroups: ['dept:gaj'] } },
  'Task.issuing': { type: 'Task', record: { departmentCode: 'gaj', matterCode: 'gaj-A', candidateGroups: ['issuingClerk'] } },
  'Matter.zjj': { type: 'Matter', record: { departmentCode: 'zjj', code: 'zjj-A' } },
  'Matter.gaj': { type: 'Matter', record: { departmentCode: 'gaj', code: 'gaj-A' } },
  'Material.zjj': { type: 'Material', record: { departmentCode: 'zjj' } },
  'Material.gaj': { type: 'Material', record: { departmentCode: 'gaj' } },
  'Department.any': { type: 'Department', record: { code: 'zjj' } },
  'Delegation.zjj': { type: 'Delegation', record: { departmentCode: 'zjj', granteeId: ids.approver } },
  'Delegation.gaj': { type: 'Delegation', record: { departmentCode: 'gaj', granteeId: 'u-other' } },
  'Document.zjjA': { type: 'Document', record: { departmentCode: 'zjj', matterCode: 'zjj-A', receivedBy: ids.clerk, stage: 'approval' } },
  'Document.gajIssuing': { type: 'Document', record: { departmentCode: 'gaj', matterCode: 'gaj-A', receivedBy: ids.otherClerk, stage: 'issuing' } },
  'Process.any': { type: 'Process', record: { processId: 'single-approval' } },
  'Process.zjjDraft': { type: 'Process', record: { processId: 'zjj-permit', departmentCode: 'zjj', authorId: 'u-other' } },
  'Process.zjjOwnDraft': { type: 'Process', record: { processId: 'zjj-permit', departmentCode: 'zjj', authorId: ids.admin } },
  'Process.gajDraft': { type: 'Process', record: { processId: 'gaj-id-card', departmentCode: 'gaj', authorId: 'u-other' } },
  'User.zjj': { type: 'User', record: { departmentCode: 'zjj' } },
  'User.gaj': { type: 'User', record: { departmentCode: 'gaj', servesDepartmentCodes: [] } },
  'User.gajServingZjj': { type: 'User', record: { departmentCode: 'gaj', servesDepartmentCodes: ['scj', 'zjj'] } },
  'AuditRecord.zjj': { type: 'AuditRecord', record: { departmentCode: 'zjj' } },
  'AuditRecord.gaj': { type: 'AuditRecord', record: { departmentCode: 'gaj' } },
  'Calendar.any': { type: 'Calendar', record: { year: 2026 } },
  'HotlineTicket.any': { type: 'HotlineTicket', record: { departmentCode: 'gaj' } },
  'Register.zjj': { type: 'Register', record: { departmentCode: 'zjj' } },
  'Register.gaj': { type: 'Register', record: { departmentCode: 'gaj' } },
  'Report.zjj': { type: 'Report', record: { departmentCode: 'zjj' } },
  'Report.gaj': { type: 'Report', record: { departmentCode: 'gaj' } },
  'Supervision.zjj': { type: 'Supervision', record: { departmentCode: 'zjj' } },
  'Supervision.gaj': { type: 'Supervision', record: { departmentCode: 'gaj' } },
  'ProcessVersion.any': { type: 'ProcessVersion', record: { processId: 'zjj-permit', version: 2 } },
};

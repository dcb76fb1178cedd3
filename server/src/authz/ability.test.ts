import { expect } from 'chai';
import { defineAbilityFor } from './ability.ts';
import { subjectOf } from './enforce.ts';
import { fixtures, NOW, principals, tableDelegations } from '../../test/support/authz/fixtures.ts';
import { actions, type Action } from './vocabulary.ts';

const catalogue = ['read Matter.zjj', 'read Matter.gaj', 'read Material.zjj', 'read Material.gaj', 'read Department.any', 'read Calendar.any', 'read ProcessVersion.any'];
const on = (acts: Action[], keys: string[]) => acts.flatMap((a) => keys.map((k) => `${a} ${k}`));
const allKeys = Object.keys(fixtures);
const processes = allKeys.filter((k) => k.startsWith('Process.'));

/**
 * The authority table: for each role, every permission it holds on the fixture records. Every
 * action × record NOT listed must be refused — the test walks the whole cross product.
 */
const allowed: Record<string, string[]> = {
  director: [
    ...on(['read'], allKeys),
    ...on(['supervise'], allKeys.filter((k) => k.startsWith('Case.') || k.startsWith('Task.'))),
    ...on(['verify'], ['AuditRecord.zjj', 'AuditRecord.gaj']),
    ...on(['create', 'update'], ['Supervision.zjj', 'Supervision.gaj']),
  ],
  windowClerk: [
    ...catalogue,
    ...on(['create'], allKeys.filter((k) => k.startsWith('Case.') || k.startsWith('Document.'))),
    ...on(['read'], ['Case.zjjA', 'Case.zjjBIntake', 'Document.zjjA']),
    'update Case.zjjBIntake',
  ],
  issuingClerk: [
    ...catalogue,
    'read Case.gajIssuing', 'read Document.gajIssuing', 'issue Case.gajIssuing', 'create Document.gajIssuing',
    ...on(['read', 'claim', 'handle'], ['Task.issuing']),
  ],
  approver: [
    ...catalogue,
    ...on(['read'], ['Case.zjjA', 'Case.zjjBIntake', 'Document.zjjA', 'Delegation.zjj']),
    'create Document.zjjA',
    ...on(['read', 'claim', 'handle'], ['Task.zjjA', 'Task.zjjB']),
    ...on(['decide', 'useSeal'], ['Case.zjjA', 'Task.zjjA']),
    ...on(['coordinate'], ['Case.zjjA', 'Case.zjjBIntake', 'Task.zjjA', 'Task.zjjB']),
    'read Supervision.zjj',
  ],
  departmentAdmin: [
    ...catalogue,
    ...on(['create', 'update', 'delete'], ['Matter.zjj', 'Material.zjj']),
    ...on(['read', 'grant', 'revoke'], ['Delegation.zjj']),
    'read User.zjj', 'create User.zjj', 'update User.zjj', 'read User.gajServingZjj', 'read AuditRecord.zjj', 'read Register.zjj',
    // drafts the own department's processes; reviews and publishes a colleague's, never the own
    ...on(['read', 'create', 'update', 'submit', 'deploy'], ['Process.zjjDraft']),
    ...on(['read', 'create', 'update', 'submit'], ['Process.zjjOwnDraft']),
    'read Report.zjj', 'read Supervision.zjj', 'reply Supervision.zjj',
  ],
  processDesigner: [...catalogue, ...on(['read', 'create', 'update', 'submit', 'deploy', 'deployWithoutReview'], processes)],
  hotlineOperator: [...catalogue, ...on(['read', 'create', 'update', 'dispatch'], ['HotlineTicket.any'])],
  systemAdmin: [
    ...catalogue,
    ...on([...actions], ['User.zjj', 'User.gaj', 'User.gajServingZjj', 'Calendar.any']),
    ...on(['read', 'verify'], ['AuditRecord.zjj', 'AuditRecord.gaj']),
    'read Register.zjj', 'read Register.gaj',
    ...on(['read', 'create', 'update', 'submit', 'deploy'], processes),
  ],
  applicant: [],
};

describe('authority table: every role × action × subject', () => {
  for (const [role, permitted] of Object.entries(allowed)) {
    const expected = new Set(permitted);
    describe(role, () => {
      const ability = defineAbilityFor(principals[role], role === 'approver' ? tableDelegations : [], NOW);
      for (const key of allKeys) {
        it(`allows exactly the listed actions on ${key} and refuses the rest`, () => {
          const { type, record } = fixtures[key];
          const wrong = actions.filter((action) => ability.can(action, subjectOf(type, record)) !== expected.has(`${action} ${key}`))
            .map((action) => `${action} ${key} should be ${expected.has(`${action} ${key}`) ? 'allowed' : 'refused'}`);
          expect(wrong).to.deep.equal([]);
        });
      }
    });
  }

  it('lists only permissions on known fixtures and actions (the table itself is sound)', () => {
    const unknown = Object.values(allowed).flat().filter((entry) => {
      const [action, key] = entry.split(' ');
      return !(actions as readonly string[]).includes(action) || !fixtures[key];
    });
    expect(unknown).to.deep.equal([]);
  });

  it('refuses the system admin every case, task and document whatever the department', () => {
    const ability = defineAbilityFor(principals.systemAdmin, [], NOW);
    for (const key of allKeys.filter((k) => /^(Case|Task|Document)\./.test(k))) {
      expect(ability.can('read', subjectOf(fixtures[key].type, fixtures[key].record)), key).to.equal(false);
    }
  });

  it('lets a department admin staff the own department with staff roles only, never seconding anyone elsewhere', () => {
    const ability = defineAbilityFor(principals.departmentAdmin, [], NOW);
    const user = (record: object) => subjectOf('User', { departmentCode: 'zjj', servesDepartmentCodes: [], ...record });
    expect(ability.can('create', user({ roles: ['approver'] }))).to.equal(true);
    expect(ability.can('create', user({ roles: ['approver'], servesDepartmentCodes: ['zjj'] }))).to.equal(true);
    expect(ability.can('update', user({ roles: ['processDesigner', 'approver'] }))).to.equal(true);
    for (const role of ['windowClerk', 'issuingClerk', 'hotlineOperator', 'departmentAdmin', 'director', 'systemAdmin']) {
      expect(ability.can('create', user({ roles: ['approver', role] })), role).to.equal(false);
      expect(ability.can('update', user({ roles: [role] })), role).to.equal(false);
    }
    expect(ability.can('create', user({ roles: ['approver'], servesDepartmentCodes: ['zjj', 'gaj'] }))).to.equal(false);
    expect(ability.can('create', user({ roles: ['approver'], departmentCode: 'gaj' }))).to.equal(false);
  });

  it('limits a designer who belongs to a department to that department\'s processes', () => {
    const ability = defineAbilityFor({ ...principals.processDesigner, departmentCode: 'zjj' }, [], NOW);
    expect(ability.can('deploy', subjectOf('Process', { processId: 'zjj-permit', departmentCode: 'zjj' }))).to.equal(true);
    expect(ability.can('deploy', subjectOf('Process', { processId: 'gaj-id-card', departmentCode: 'gaj' }))).to.equal(false);
    expect(ability.can('deploy', subjectOf('Process', { processId: 'single-department-approval' }))).to.equal(false);
    expect(ability.can('read', subjectOf('Process', { processId: 'single-department-approval' }))).to.equal(true);
    expect(ability.can('deployWithoutReview', subjectOf('Process', { processId: 'zjj-permit', departmentCode: 'zjj' }))).to.equal(true);
    expect(ability.can('deployWithoutReview', subjectOf('Process', { processId: 'gaj-id-card', departmentCode: 'gaj' }))).to.equal(false);
  });

  it('lets a comprehensive window receive every matter, a category window only its category\'s, an issuing window none', () => {
    const matter = (windowCategory: string) => subjectOf('Matter', { code: 'zjj-A', departmentCode: 'zjj', windowCategory });
    const clerkAt = (window: { number: string; group: string; role: string; category: string }) =>
      defineAbilityFor({ ...principals.windowClerk, windowNumber: window.number }, [], NOW, { window });
    const comprehensive = clerkAt({ number: 'C01', group: 'comprehensive', role: 'acceptance', category: 'comprehensive' });
    expect(['construction', 'publicSecurity'].map((c) => comprehensive.can('receive', matter(c)))).to.deep.equal([true, true]);
    const construction = clerkAt({ number: 'C07', group: 'categorized', role: 'acceptance', category: 'construction' });
    expect(['construction', 'publicSecurity'].map((c) => construction.can('receive', matter(c)))).to.deep.equal([true, false]);
    const issuing = clerkAt({ number: 'C18', group: 'comprehensive', role: 'issuing', category: 'comprehensive' });
    expect(issuing.can('receive', matter('construction'))).to.equal(false);
    // the window must be the clerk's own, and a clerk without one receives nothing
    expect(defineAbilityFor({ ...principals.windowClerk, windowNumber: 'C02' }, [], NOW, { window: { number: 'C01', group: 'comprehensive', role: 'acceptance', category: 'comprehensive' } })
      .can('receive', matter('construction'))).to.equal(false);
    expect(defineAbilityFor(principals.windowClerk, [], NOW).can('receive', matter('construction'))).to.equal(false);
  });

  it('never lets the author of a draft publish it, except the system admin', () => {
    const draft = (authorId: string) => subjectOf('Process', { processId: 'zjj-permit', departmentCode: 'zjj', authorId });
    expect(defineAbilityFor(principals.processDesigner, [], NOW).can('deploy', draft(principals.processDesigner.userId))).to.equal(false);
    expect(defineAbilityFor(principals.processDesigner, [], NOW).can('deploy', draft(principals.departmentAdmin.userId))).to.equal(true);
    expect(defineAbilityFor(principals.departmentAdmin, [], NOW).can('submit', draft(principals.departmentAdmin.userId))).to.equal(true);
    expect(defineAbilityFor(principals.systemAdmin, [], NOW).can('deploy', draft(principals.systemAdmin.userId))).to.equal(true);
  });
});

import { expect } from 'chai';
import { defineAbilityFor } from './ability.ts';
import { subjectOf } from './enforce.ts';
import { delegation, NOW, principals } from '../../test/support/authz/fixtures.ts';

const day = 86_400_000;
const caseOf = (departmentCode: string, matterCode: string) => subjectOf('Case', { departmentCode, matterCode, stage: 'approval' });
const approverWith = (...delegations: ReturnType<typeof delegation>[]) => defineAbilityFor(principals.approver, delegations, NOW);

describe('delegated powers (授权): decision and seal only within a delegation', () => {
  it('refuses approval without a delegation for the matter', () => {
    expect(approverWith().can('decide', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('allows a decision with an active decide delegation covering the matter', () => {
    expect(approverWith(delegation()).can('decide', caseOf('zjj', 'zjj-A'))).to.equal(true);
  });

  it('refuses a decision on a matter outside the delegation scope', () => {
    expect(approverWith(delegation()).can('decide', caseOf('zjj', 'zjj-B'))).to.equal(false);
  });

  it('covers every matter of the department when the scope is all matters, but no other department', () => {
    const ability = approverWith(delegation({ allMatters: true, matterCodes: [] }));
    expect(ability.can('decide', caseOf('zjj', 'zjj-B'))).to.equal(true);
    expect(ability.can('decide', caseOf('gaj', 'gaj-A'))).to.equal(false);
  });

  it('refuses a decision once the delegation has expired', () => {
    const expired = delegation({ validFrom: new Date(NOW.getTime() - 20 * day), validUntil: new Date(NOW.getTime() - day) });
    expect(approverWith(expired).can('decide', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('refuses a decision before the delegation takes effect', () => {
    const future = delegation({ validFrom: new Date(NOW.getTime() + day), validUntil: new Date(NOW.getTime() + 20 * day) });
    expect(approverWith(future).can('decide', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('treats the end of validity as exclusive', () => {
    expect(approverWith(delegation({ validUntil: NOW })).can('decide', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('refuses a decision under a revoked delegation', () => {
    expect(approverWith(delegation({ revokedAt: new Date(NOW.getTime() - day) })).can('decide', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('refuses the seal to an approver who may decide but holds no useSeal power', () => {
    const ability = approverWith(delegation({ powers: ['decide'] }));
    expect(ability.can('decide', caseOf('zjj', 'zjj-A'))).to.equal(true);
    expect(ability.can('useSeal', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('allows the seal only for the matters and dates of the useSeal delegation', () => {
    const ability = approverWith(delegation({ powers: ['decide', 'useSeal'], matterCodes: ['zjj-A'] }));
    expect(ability.can('useSeal', caseOf('zjj', 'zjj-A'))).to.equal(true);
    expect(ability.can('useSeal', caseOf('zjj', 'zjj-B'))).to.equal(false);
    const lapsed = approverWith(delegation({ powers: ['useSeal'], validUntil: new Date(NOW.getTime() - 1) }));
    expect(lapsed.can('useSeal', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });

  it('ignores a delegation from a department the approver does not serve', () => {
    expect(approverWith(delegation({ departmentCode: 'gaj', matterCodes: ['gaj-A'] })).can('decide', caseOf('gaj', 'gaj-A'))).to.equal(false);
  });

  it('honours a delegation from a department the approver also serves (servesDepartmentCodes)', () => {
    const serving = { ...principals.approver, servesDepartmentCodes: ['gaj'] };
    const ability = defineAbilityFor(serving, [delegation({ departmentCode: 'gaj', matterCodes: ['gaj-A'] })], NOW);
    expect(ability.can('decide', caseOf('gaj', 'gaj-A'))).to.equal(true);
    expect(ability.can('read', caseOf('gaj', 'gaj-B'))).to.equal(true);
    expect(ability.can('read', caseOf('scj', 'scj-A'))).to.equal(false);
  });

  it('gives no delegated power to someone who is not an approver, whatever delegation is passed', () => {
    const ability = defineAbilityFor(principals.departmentAdmin, [delegation({ powers: ['decide', 'useSeal'] })], NOW);
    expect(ability.can('decide', caseOf('zjj', 'zjj-A'))).to.equal(false);
    expect(ability.can('useSeal', caseOf('zjj', 'zjj-A'))).to.equal(false);
  });
});

import { expect } from 'chai';
import { defineAbilityFor, delegatedPowers } from '../authz/index.ts';
import { delegation, NOW, principals } from '../../test/support/authz/fixtures.ts';

describe('reading tasks depends on roles and departments, never on delegations', () => {
  it('holds because no delegation grants read: read rules on Task are the same with every power delegated', () => {
    const all = [delegation({ powers: [...delegatedPowers], allMatters: true })];
    for (const [role, principal] of Object.entries(principals)) {
      const without = defineAbilityFor(principal, [], NOW).rulesFor('read', 'Task');
      const withAll = defineAbilityFor(principal, all, NOW).rulesFor('read', 'Task');
      expect(withAll.map((r) => r.conditions), role).to.deep.equal(without.map((r) => r.conditions));
    }
  });
});

import { expect } from 'chai';
import { Schema, type Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { defineAbilityFor } from './ability.ts';
import { accessibleFilter } from './enforce.ts';
import { delegation, ids, NOW, principals } from '../../test/support/authz/fixtures.ts';

interface CaseRow { no: string; departmentCode: string; matterCode: string; receivedBy: string; stage: string }

const rows: CaseRow[] = [
  { no: 'c1', departmentCode: 'zjj', matterCode: 'zjj-A', receivedBy: ids.clerk, stage: 'approval' },
  { no: 'c2', departmentCode: 'zjj', matterCode: 'zjj-B', receivedBy: ids.otherClerk, stage: 'intake' },
  { no: 'c3', departmentCode: 'gaj', matterCode: 'gaj-A', receivedBy: ids.clerk, stage: 'issuing' },
  { no: 'c4', departmentCode: 'scj', matterCode: 'scj-A', receivedBy: ids.otherClerk, stage: 'closed' },
];

describe('accessibleFilter on FerretDB: list queries see only what the ability allows', () => {
  let db: Connection;
  const cases = () => db.models.Case ?? db.model('Case', new Schema<CaseRow>({ no: String, departmentCode: String, matterCode: String, receivedBy: String, stage: String }), 'authz_cases');
  const visible = async (ability: ReturnType<typeof defineAbilityFor>, action: Parameters<typeof accessibleFilter>[1] = 'read') =>
    (await cases().find(accessibleFilter(ability, action, 'Case')).sort({ no: 1 }).lean()).map((c) => c.no);

  before(async () => {
    db = await testDatabase('authz_accessible');
    await cases().insertMany(rows);
  });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('shows the director every case', async () => {
    expect(await visible(defineAbilityFor(principals.director, [], NOW))).to.deep.equal(['c1', 'c2', 'c3', 'c4']);
  });

  it('shows a window clerk only the cases they received', async () => {
    expect(await visible(defineAbilityFor(principals.windowClerk, [], NOW))).to.deep.equal(['c1', 'c3']);
  });

  it('shows an approver the cases of the departments they serve ($in from the rules, trusted)', async () => {
    expect(await visible(defineAbilityFor(principals.approver, [], NOW))).to.deep.equal(['c1', 'c2']);
    const serving = { ...principals.approver, servesDepartmentCodes: ['scj'] };
    expect(await visible(defineAbilityFor(serving, [], NOW))).to.deep.equal(['c1', 'c2', 'c4']);
  });

  it('shows an issuing clerk cases at the issuing stage and closed ones', async () => {
    expect(await visible(defineAbilityFor(principals.issuingClerk, [], NOW))).to.deep.equal(['c3', 'c4']);
  });

  it('filters by delegated power and scope: decide only on the delegated matters', async () => {
    const ability = defineAbilityFor(principals.approver, [delegation({ matterCodes: ['zjj-A'] })], NOW);
    expect(await visible(ability, 'decide')).to.deep.equal(['c1']);
  });

  it('returns nothing — without an error on FerretDB — when no rule allows the action', async () => {
    expect(await visible(defineAbilityFor(principals.systemAdmin, [], NOW))).to.deep.equal([]);
    expect(await visible(defineAbilityFor(principals.applicant, [], NOW))).to.deep.equal([]);
  });

  it('keeps the restriction when combined with a request filter through $and', async () => {
    const ability = defineAbilityFor(principals.windowClerk, [], NOW);
    const found = await cases().find({ $and: [accessibleFilter(ability, 'read', 'Case'), { departmentCode: 'zjj' }] }).lean();
    expect(found.map((c) => c.no)).to.deep.equal(['c1']);
  });
});

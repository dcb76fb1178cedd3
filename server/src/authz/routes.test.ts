import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules } from '@casl/ability/extra';
import { expect } from 'chai';
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { AuditTrail } from '../audit/index.ts';
import { principalForUser, userModel } from '../auth/index.ts';
import { delegationService } from '../delegations/index.ts';
import { authority } from './authority.ts';
import { subjectOf } from './enforce.ts';
import type { AppAbility } from './vocabulary.ts';

describe('abilities for the browser and for workers', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('authz_routes');
  });
  after(async () => t.close());

  const rulesOf = async (username: string) => {
    const res = await supertest(t.baseUrl).get('/api/auth/abilities').set('authorization', `Bearer ${await t.signIn(username)}`);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    return createMongoAbility<AppAbility>(unpackRules<RawRuleOf<AppAbility>>(res.body.rules));
  };

  it('serves the packed rules the server itself applies: a clerk may create cases, not decide them', async () => {
    const clerk = await rulesOf('clerk');
    expect(clerk.can('create', 'Case')).to.equal(true);
    expect(clerk.can('decide', 'Case')).to.equal(false);
    expect(clerk.can('read', 'Matter')).to.equal(true);
  });

  it('carries an approver\'s departments into field conditions', async () => {
    const approver = await rulesOf('approver.gaj');
    expect(approver.can('read', subjectOf('Case', { departmentCode: 'gaj' }))).to.equal(true);
    expect(approver.can('read', subjectOf('Case', { departmentCode: 'zjj' }))).to.equal(false);
  });

  it('refuses the rules to a caller without a token', async () => {
    const res = await supertest(t.baseUrl).get('/api/auth/abilities');
    expect(res.status).to.equal(401);
    expect(res.type).to.equal('application/problem+json');
  });

  it('builds a worker\'s ability for a user id from the database, delegations included, and nothing for unknown ids', async () => {
    const trail = new AuditTrail(t.db);
    const delegations = delegationService({ db: t.db, trail });
    const auth = authority({ delegationsOf: delegations.activeFor, principalOf: (id) => principalForUser(t.db, id) });
    const admin = await userModel(t.db).findOne({ username: 'admin.zjj' }).lean();
    const approver = await userModel(t.db).findOne({ username: 'approver.zjj' }).lean();
    const adminAbility = await auth.abilityForUser(String(admin!._id));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const granted = await delegations.grant(
      { userId: String(admin!._id), username: 'admin.zjj', roles: ['departmentAdmin'], departmentCode: 'zjj' }, adminAbility,
      { granteeId: String(approver!._id), powers: ['useSeal'], scope: { allMatters: true }, validFrom: today, validTo: today },
    );
    const worker = await auth.abilityForUser(String(approver!._id));
    expect(worker.can('useSeal', subjectOf('Case', { departmentCode: 'zjj', matterCode: 'zjj_sgxk' }))).to.equal(true);
    const covering = await delegations.covering(String(approver!._id), 'useSeal', { departmentCode: 'zjj', matterCode: 'zjj_sgxk' }, new Date());
    expect(covering?.id).to.equal(granted.id);
    expect(await delegations.covering(String(approver!._id), 'decide', { departmentCode: 'zjj', matterCode: 'zjj_sgxk' }, new Date())).to.equal(undefined);
    const nobody = await auth.abilityForUser('000000000000000000000000');
    expect(nobody.rules).to.deep.equal([]);
  });
});

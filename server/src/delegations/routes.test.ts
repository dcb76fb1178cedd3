import { expect } from 'chai';
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { auditModel } from '../audit/index.ts';
import { userModel } from '../auth/index.ts';
import { abilityFromPackedRules, subjectOf } from '../authz/index.ts';
import { delegationModel } from './model.ts';

describe('delegations (授权) over HTTP: grant, list, revoke, every change audited', () => {
  let t: TestApp;
  let now = new Date('2026-06-15T02:00:00Z');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const as = (who: string) => ({
    get: (path: string) => supertest(t.baseUrl).get(path).set('authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) => supertest(t.baseUrl).post(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const grant = (overrides: object = {}) => ({
    granteeId: ids['approver.zjj'], powers: ['decide', 'useSeal'], scope: { matterCodes: ['zjj_sgxk'] },
    validFrom: '2026-06-01', validTo: '2026-12-31', ...overrides,
  });
  const abilityOf = async (who: string) => abilityFromPackedRules((await as(who).get('/api/auth/abilities')).body.rules);
  const permitCase = (departmentCode: string, matterCode: string) => subjectOf('Case', { departmentCode, matterCode, stage: 'approval' });
  const stored = () => delegationModel(t.db).countDocuments({});

  before(async () => {
    t = await startTestApp('delegations_http', { clock: () => now });
    for (const who of ['admin.zjj', 'approver.zjj', 'approver.gaj', 'director', 'sysadmin', 'clerk']) tokens[who] = await t.signIn(who);
    for (const user of await userModel(t.db).find({}).lean()) ids[user.username] = String(user._id);
  });
  after(async () => t.close());

  it('lets a department admin grant decide and seal powers to an approver of the department, and audits it', async () => {
    expect((await abilityOf('approver.zjj')).can('decide', permitCase('zjj', 'zjj_sgxk'))).to.equal(false);
    const res = await as('admin.zjj').post('/api/delegations', grant());
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.include({ departmentCode: 'zjj', powers: ['decide', 'useSeal'], scope: { matterCodes: ['zjj_sgxk'] }, validFrom: '2026-06-01', validTo: '2026-12-31', active: true, revoked: null });
    const audit = await auditModel(t.db).findOne({ action: 'delegation.grant', 'subject.id': res.body.id }).lean();
    expect(audit?.actor.username).to.equal('admin.zjj');
    expect(audit?.departmentCode).to.equal('zjj');
    const ability = await abilityOf('approver.zjj');
    expect(ability.can('decide', permitCase('zjj', 'zjj_sgxk'))).to.equal(true);
    expect(ability.can('useSeal', permitCase('zjj', 'zjj_sgxk'))).to.equal(true);
    expect(ability.can('decide', permitCase('zjj', 'zjj_ys'))).to.equal(false);
  });

  it('lists delegations by ability: the admin and the grantee see it, another department\'s approver does not, the director does', async () => {
    const count = async (who: string) => (await as(who).get('/api/delegations')).body.total;
    expect(await count('admin.zjj')).to.equal(1);
    expect(await count('approver.zjj')).to.equal(1);
    expect(await count('approver.gaj')).to.equal(0);
    expect(await count('director')).to.equal(1);
    // a window clerk may read no delegation at all: refused by the route's guard, not an empty list
    expect((await as('clerk').get('/api/delegations')).status).to.equal(403);
    expect((await as('admin.zjj').get('/api/delegations?active=true')).body.total).to.equal(1);
    expect((await as('admin.zjj').get('/api/delegations?active=false')).body.total).to.equal(0);
  });

  it('covers matters the department co-handles (parallelDepartmentCodes) as well as its own', async () => {
    const res = await as('admin.zjj').post('/api/delegations', grant({ powers: ['reviewAndReport'], scope: { matterCodes: ['zrzy_hs'] } }));
    expect(res.status).to.equal(201);
  });

  it('refuses to grant to an approver of another department, and stores nothing', async () => {
    const before = await stored();
    const res = await as('admin.zjj').post('/api/delegations', grant({ granteeId: ids['approver.gaj'] }));
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('GRANTEE_NOT_APPROVER_OF_DEPARTMENT');
    expect(await stored()).to.equal(before);
  });

  it('refuses to grant for another department (403) and to a non-approver (422)', async () => {
    const other = await as('admin.zjj').post('/api/delegations', grant({ departmentCode: 'gaj', granteeId: ids['approver.gaj'], scope: { allMatters: true } }));
    expect(other.status).to.equal(403);
    expect(other.body.code).to.equal('FORBIDDEN');
    expect(other.body.message.zh).to.contain('授权');
    expect((await as('admin.zjj').post('/api/delegations', grant({ granteeId: ids['admin.zjj'] }))).body.code).to.equal('GRANTEE_NOT_APPROVER_OF_DEPARTMENT');
  });

  it('refuses matters of another department in the scope', async () => {
    const res = await as('admin.zjj').post('/api/delegations', grant({ scope: { matterCodes: ['zjj_sgxk', 'gaj_sfz'] } }));
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('MATTER_NOT_OF_DEPARTMENT');
    expect(res.body.message.en).to.contain('gaj_sfz');
  });

  it('refuses an approver, the director and the system admin as granters', async () => {
    for (const who of ['approver.zjj', 'director', 'sysadmin']) {
      const res = await as(who).post('/api/delegations', grant({ departmentCode: 'zjj' }));
      expect(res.status, who).to.equal(403);
    }
  });

  it('refuses bad bodies by field: dates reversed, unknown power, operators, unknown fields', async () => {
    const before = await stored();
    const cases: Array<[object, string]> = [
      [grant({ validFrom: '2026-12-31', validTo: '2026-06-01' }), 'body.validTo'],
      [grant({ validTo: '2026-02-30' }), 'body.validTo'],
      [grant({ powers: ['decide', 'approveEverything'] }), 'body.powers.1'],
      [grant({ powers: [] }), 'body.powers'],
      [grant({ granteeId: { $ne: null } }), 'body.granteeId'],
      [grant({ scope: { matterCodes: { $in: ['zjj_sgxk'] } } }), 'body.scope'],
      [grant({ scope: { allMatters: true, matterCodes: ['x'] } }), 'body.scope'],
      [{ ...grant(), revokedAt: null }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await as('admin.zjj').post('/api/delegations', body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(res.body.fields.map((f: { field: string }) => f.field).some((f: string) => f.startsWith(field)), JSON.stringify(res.body.fields)).to.equal(true);
    }
    expect(await stored()).to.equal(before);
  });

  it('refuses a delegation that ends before today', async () => {
    const res = await as('admin.zjj').post('/api/delegations', grant({ validFrom: '2026-01-01', validTo: '2026-03-01' }));
    expect(res.status).to.equal(400);
    expect(res.body.fields[0].field).to.equal('body.validTo');
  });

  it('takes effect on its first day and lapses after its last (China Standard Time)', async () => {
    const res = await as('admin.zjj').post('/api/delegations', grant({ powers: ['coordinate'], scope: { allMatters: true }, validFrom: '2026-07-01', validTo: '2026-07-31' }));
    expect(res.body.active).to.equal(false);
    const coordinate = async () => (await abilityOf('approver.zjj')).can('coordinate', permitCase('zjj', 'zjj_ys'));
    expect(await coordinate()).to.equal(false);
    now = new Date('2026-06-30T16:00:00Z'); // 2026-07-01 00:00 in Beijing
    expect(await coordinate()).to.equal(true);
    now = new Date('2026-07-31T15:59:59Z');
    expect(await coordinate()).to.equal(true);
    now = new Date('2026-07-31T16:00:00Z');
    expect(await coordinate()).to.equal(false);
    now = new Date('2026-06-15T02:00:00Z');
  });

  it('revokes at once: the power is gone, a second revoke conflicts, both attempts leave one audit record', async () => {
    const created = (await as('admin.zjj').post('/api/delegations', grant({ powers: ['useSeal'], scope: { matterCodes: ['zjj_ys'] } }))).body;
    expect((await abilityOf('approver.zjj')).can('useSeal', permitCase('zjj', 'zjj_ys'))).to.equal(true);
    const revoked = await as('admin.zjj').post(`/api/delegations/${created.id}/revoke`, { reason: '岗位调整' });
    expect(revoked.status).to.equal(200);
    expect(revoked.body.revoked.reason).to.equal('岗位调整');
    expect(revoked.body.active).to.equal(false);
    expect((await abilityOf('approver.zjj')).can('useSeal', permitCase('zjj', 'zjj_ys'))).to.equal(false);
    const again = await as('admin.zjj').post(`/api/delegations/${created.id}/revoke`, { reason: '再次' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('DELEGATION_ALREADY_REVOKED');
    expect(await auditModel(t.db).countDocuments({ action: 'delegation.revoke', 'subject.id': created.id })).to.equal(1);
    const inactive = (await as('admin.zjj').get('/api/delegations?active=false&pageSize=100')).body.items.map((d: { id: string }) => d.id);
    const active = (await as('admin.zjj').get('/api/delegations?active=true&pageSize=100')).body.items.map((d: { id: string }) => d.id);
    expect(inactive).to.include(created.id);
    expect(active).to.not.include(created.id);
  });

  it('revokes once when five revocations race: one succeeds, the others conflict, one audit record', async () => {
    const created = (await as('admin.zjj').post('/api/delegations', grant({ powers: ['coordinate'] }))).body;
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => as('admin.zjj').post(`/api/delegations/${created.id}/revoke`, { reason: `r${i}` })));
    expect(answers.filter((r) => r.status === 200)).to.have.length(1);
    expect(answers.filter((r) => r.status === 409)).to.have.length(4);
    expect(await auditModel(t.db).countDocuments({ action: 'delegation.revoke', 'subject.id': created.id })).to.equal(1);
  });

  it('hides another department\'s delegation from an admin (404) and refuses revocation by its grantee (403)', async () => {
    const created = (await as('admin.zjj').post('/api/delegations', grant({ powers: ['decide'] }))).body;
    const gajAdmin = await userModel(t.db).create({ username: 'admin.gaj', displayName: '公安局管理员', passwordHash: 'x', roles: ['departmentAdmin'], departmentCode: 'gaj' });
    const gajToken = await t.tokens.sign({ userId: String(gajAdmin._id), username: 'admin.gaj', roles: ['departmentAdmin'], departmentCode: 'gaj' });
    const foreign = await supertest(t.baseUrl).post(`/api/delegations/${created.id}/revoke`).set('authorization', `Bearer ${gajToken}`).send({ reason: 'x' });
    expect(foreign.status).to.equal(404);
    expect((await as('approver.zjj').post(`/api/delegations/${created.id}/revoke`, { reason: 'x' })).status).to.equal(403);
    expect((await as('admin.zjj').get(`/api/delegations/${created.id}`)).body.revoked).to.equal(null);
  });

  it('keeps the audit chain whole: verified by the system admin and the director, refused to a department admin', async () => {
    for (const who of ['sysadmin', 'director']) {
      const report = await as(who).get('/api/audit/verify');
      expect(report.status).to.equal(200);
      expect(report.body.ok).to.equal(true);
      expect(report.body.count).to.be.at.least(5);
    }
    expect((await as('admin.zjj').get('/api/audit/verify')).status).to.equal(403);
  });

  it('shows a department admin only the audit records of the department', async () => {
    await auditModel(t.db).collection.insertOne({ seq: 100000, departmentCode: 'gaj', action: 'other.dept', actor: { userId: 'x', username: 'x' }, subject: { type: 'X', id: 'x' }, data: {}, at: new Date(), prevHash: '', hash: '' });
    const mine = (await as('admin.zjj').get('/api/audit?pageSize=200')).body.items as Array<{ departmentCode: string }>;
    expect(mine.length).to.be.greaterThan(0);
    expect(mine.every((r) => r.departmentCode === 'zjj')).to.equal(true);
    expect((await as('clerk').get('/api/audit')).status).to.equal(403);
    const broken = (await as('sysadmin').get('/api/audit/verify')).body;
    expect(broken.ok).to.equal(false);
    expect(broken.brokenAt.reason).to.equal('sequenceGap');
  });
});

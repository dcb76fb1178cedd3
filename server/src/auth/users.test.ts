import { expect } from 'chai';
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { auditModel } from '../audit/index.ts';
import { userModel } from './user.model.ts';

describe('users: the system admin keeps accounts, department admins see their staff', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({
    get: (path: string) => supertest(t.baseUrl).get(path).set('authorization', `Bearer ${tokens[who]}`),
    post: (path: string, body: object) => supertest(t.baseUrl).post(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
    patch: (path: string, body: object) => supertest(t.baseUrl).patch(path).set('authorization', `Bearer ${tokens[who]}`).send(body),
  });
  const newApprover = { username: 'approver.zjj2', displayName: '住建局审批 李四', password: 'Long-enough-2026!', roles: ['approver'], departmentCode: 'zjj' };

  before(async () => {
    t = await startTestApp('auth_users');
    for (const who of ['sysadmin', 'admin.zjj', 'approver.zjj', 'director']) tokens[who] = await t.signIn(who);
  });
  after(async () => t.close());

  it('lets the system admin create a user who can then sign in, audited, without the password in the record', async () => {
    const res = await as('sysadmin').post('/api/users', newApprover);
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ username: 'approver.zjj2', active: true, departmentCode: 'zjj' });
    expect(res.body).to.not.have.property('passwordHash');
    expect(await t.signIn('approver.zjj2', newApprover.password)).to.be.a('string');
    const audit = await auditModel(t.db).findOne({ action: 'user.create', 'subject.id': res.body.id }).lean();
    expect(JSON.stringify(audit)).to.not.contain(newApprover.password);
    expect(audit?.departmentCode).to.equal('zjj');
  });

  it('refuses a taken username, a short password and unknown roles, storing nothing', async () => {
    const before = await userModel(t.db).countDocuments();
    expect((await as('sysadmin').post('/api/users', newApprover)).body.code).to.equal('USERNAME_TAKEN');
    expect((await as('sysadmin').post('/api/users', { ...newApprover, username: 'x.y', password: 'short' })).body.fields[0].field).to.equal('body.password');
    expect((await as('sysadmin').post('/api/users', { ...newApprover, username: 'x.z', roles: ['superuser'] })).status).to.equal(400);
    expect(await userModel(t.db).countDocuments()).to.equal(before);
  });

  it('refuses account creation to the director, and to a department admin outside the own department or with ruling roles', async () => {
    expect((await as('director').post('/api/users', { ...newApprover, username: 'by.director' })).status).to.equal(403);
    for (const change of [{ departmentCode: 'gaj' }, { roles: ['approver', 'systemAdmin'] }, { roles: ['windowClerk'] }, { roles: ['departmentAdmin'] }, { servesDepartmentCodes: ['gaj'] }]) {
      expect((await as('admin.zjj').post('/api/users', { ...newApprover, username: 'by.admin', ...change })).status, JSON.stringify(change)).to.equal(403);
    }
  });

  it('shows a department admin their staff and the approvers seconded to them, never passwords', async () => {
    const gaj = await userModel(t.db).findOne({ username: 'approver.gaj' }).lean();
    await as('sysadmin').patch(`/api/users/${gaj!._id}`, { servesDepartmentCodes: ['zjj'] });
    const res = await as('admin.zjj').get('/api/users?pageSize=100');
    const names = res.body.items.map((u: { username: string }) => u.username).sort();
    expect(names).to.deep.equal(['admin.zjj', 'approver.gaj', 'approver.zjj', 'approver.zjj2']);
    expect(JSON.stringify(res.body)).to.not.contain('scrypt$');
    expect((await as('admin.zjj').get('/api/users?role=approver')).body.total).to.equal(3);
    // an approver may read no user at all: refused by the route's guard, not answered an empty list
    const approver = await as('approver.zjj').get('/api/users');
    expect([approver.status, approver.body.code]).to.deep.equal([403, 'FORBIDDEN']);
  });

  it('deactivates a user: sign-in and refresh stop working, and their access tokens are refused at once', async () => {
    const signIn = await supertest(t.baseUrl).post('/api/auth/sign-in').send({ username: 'approver.zjj2', password: newApprover.password });
    const id = signIn.body.user.id;
    const me = () => supertest(t.baseUrl).get('/api/auth/me').set('authorization', `Bearer ${signIn.body.accessToken}`);
    expect((await me()).status).to.equal(200);
    const res = await as('sysadmin').patch(`/api/users/${id}`, { active: false });
    expect(res.body.active).to.equal(false);
    expect((await me()).body.code).to.equal('SESSION_REVOKED');
    expect((await supertest(t.baseUrl).post('/api/auth/sign-in').send({ username: 'approver.zjj2', password: newApprover.password })).status).to.equal(401);
    expect((await supertest(t.baseUrl).post('/api/auth/refresh').send({ refreshToken: signIn.body.refreshToken })).body.code).to.equal('REFRESH_TOKEN_INVALID');
    expect(await auditModel(t.db).countDocuments({ action: 'user.update', 'subject.id': id })).to.equal(1);
  });

  it('ends a user\'s sessions when their roles or department change (the token carries them), not when their name does', async () => {
    const created = await as('sysadmin').post('/api/users', { ...newApprover, username: 'approver.zjj3' });
    const signIn = async () => (await supertest(t.baseUrl).post('/api/auth/sign-in').send({ username: 'approver.zjj3', password: newApprover.password })).body.accessToken as string;
    const me = (token: string) => supertest(t.baseUrl).get('/api/auth/me').set('authorization', `Bearer ${token}`);
    const first = await signIn();
    await as('sysadmin').patch(`/api/users/${created.body.id}`, { displayName: '住建局审批 王五', roles: ['approver'] });
    expect((await me(first)).status).to.equal(200);
    await as('sysadmin').patch(`/api/users/${created.body.id}`, { roles: ['approver', 'windowClerk'], windowNumber: 'C02' });
    expect((await me(first)).body.code).to.equal('SESSION_REVOKED');
    const second = await signIn();
    expect((await me(second)).body.roles.map((r: { role: string }) => r.role)).to.have.members(['approver', 'windowClerk']);
    await as('sysadmin').patch(`/api/users/${created.body.id}`, { departmentCode: 'gaj' });
    expect((await me(second)).body.code).to.equal('SESSION_REVOKED');
  });

  it('keeps a system admin from deactivating themselves', async () => {
    const me = await userModel(t.db).findOne({ username: 'sysadmin' }).lean();
    const res = await as('sysadmin').patch(`/api/users/${me!._id}`, { active: false });
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('CANNOT_DISARM_SELF');
  });

  it('refuses edits by a department admin and hides users outside their view', async () => {
    const own = await userModel(t.db).findOne({ username: 'approver.zjj' }).lean();
    expect((await as('admin.zjj').patch(`/api/users/${own!._id}`, { roles: ['director'] })).status).to.equal(403);
    const other = await userModel(t.db).findOne({ username: 'hotline' }).lean();
    expect((await as('admin.zjj').patch(`/api/users/${other!._id}`, { active: false })).status).to.equal(404);
    expect((await userModel(t.db).findById(own!._id).lean())!.roles).to.deep.equal(['approver']);
  });

  it('lets a department admin staff the own department: create with a staff role, change roles, deactivate — never move out', async () => {
    const res = await as('admin.zjj').post('/api/users', { ...newApprover, username: 'designer.zjj9', roles: ['processDesigner'] });
    expect(res.status).to.equal(201);
    expect((await as('admin.zjj').patch(`/api/users/${res.body.id}`, { roles: ['approver'] })).body.roles[0].role).to.equal('approver');
    expect((await as('admin.zjj').patch(`/api/users/${res.body.id}`, { departmentCode: 'gaj' })).status).to.equal(403);
    expect((await as('admin.zjj').patch(`/api/users/${res.body.id}`, { servesDepartmentCodes: ['gaj'] })).status).to.equal(403);
    expect((await as('admin.zjj').patch(`/api/users/${res.body.id}`, { active: false })).body.active).to.equal(false);
    expect((await userModel(t.db).findById(res.body.id).lean())!.departmentCode).to.equal('zjj');
  });
});

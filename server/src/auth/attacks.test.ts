import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import supertest from 'supertest';
import { startTestApp, testConfig, type TestApp } from '../../test/support.ts';
import { userModel } from './user.model.ts';

const key = Buffer.from(testConfig.JWT_SECRET, 'utf8');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token like ours, with the parts an attacker may change. */
function forge(options: { secret?: Buffer; alg?: 'HS256' | 'HS512'; issuer?: string; audience?: string; expiresAt?: number; roles?: string[]; withoutExpiry?: boolean } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: '000000000000000000000001', username: 'director', roles: options.roles ?? ['director'],
    iss: options.issuer ?? testConfig.JWT_ISSUER, aud: options.audience ?? testConfig.JWT_AUDIENCE, iat: now - 60,
    ...(options.withoutExpiry ? {} : { exp: options.expiresAt ?? now + 600 }),
  };
  return jwt.sign(claims, options.secret ?? key, { algorithm: options.alg ?? 'HS256' });
}

describe('attacks on sign-in and tokens: refused with problem+json, nothing changed', () => {
  let t: TestApp;
  const asBearer = (token: string) => supertest(t.baseUrl).get('/api/delegations').set('authorization', `Bearer ${token}`);
  const expectUnauthenticated = (res: supertest.Response) => {
    expect(res.status).to.equal(401);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('UNAUTHENTICATED');
  };

  before(async () => {
    t = await startTestApp('auth_attacks');
  });
  after(async () => t.close());

  it('accepts a token it signed itself (the control case)', async () => {
    expect((await asBearer(await forge())).status).to.equal(200);
  });

  it('refuses a token signed with another secret (forged signature)', async () => {
    expectUnauthenticated(await asBearer(await forge({ secret: Buffer.from('another-secret-0123456789-0123456789') })));
  });

  it('refuses a genuine token whose payload was edited to claim more roles', async () => {
    const [header, , signature] = (await forge({ roles: ['windowClerk'] })).split('.');
    const edited = b64({ sub: '000000000000000000000001', username: 'x', roles: ['director', 'systemAdmin'], iss: testConfig.JWT_ISSUER, aud: testConfig.JWT_AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 });
    expectUnauthenticated(await asBearer(`${header}.${edited}.${signature}`));
  });

  it('refuses an expired token', async () => {
    expectUnauthenticated(await asBearer(await forge({ expiresAt: Math.floor(Date.now() / 1000) - 5 })));
  });

  it('refuses a token without an expiry (one that would never run out)', async () => {
    expectUnauthenticated(await asBearer(await forge({ withoutExpiry: true })));
  });

  it('refuses a token for another audience', async () => {
    expectUnauthenticated(await asBearer(await forge({ audience: 'some-other-api' })));
  });

  it('refuses a token from another issuer', async () => {
    expectUnauthenticated(await asBearer(await forge({ issuer: 'evil-issuer' })));
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const payload = b64({ sub: '000000000000000000000001', username: 'director', roles: ['director'], iss: testConfig.JWT_ISSUER, aud: testConfig.JWT_AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 });
    expectUnauthenticated(await asBearer(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`));
  });

  it('refuses a token signed with the right key but another algorithm (algorithm pinned to HS256)', async () => {
    expectUnauthenticated(await asBearer(await forge({ alg: 'HS512' })));
  });

  it('refuses a missing or malformed Authorization header', async () => {
    expectUnauthenticated(await supertest(t.baseUrl).get('/api/delegations'));
    expectUnauthenticated(await supertest(t.baseUrl).get('/api/delegations').set('authorization', 'Basic Zm9vOmJhcg=='));
  });

  it('refuses query operators in the sign-in body and changes nothing', async () => {
    const before = await userModel(t.db).find({}).lean();
    for (const body of [{ username: { $ne: '' }, password: { $ne: '' } }, { username: 'director', password: { $gt: '' } }, { username: { $regex: '.*' }, password: 'x' }]) {
      const res = await supertest(t.baseUrl).post('/api/auth/sign-in').send(body);
      expect(res.status).to.equal(400);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.code).to.equal('VALIDATION_FAILED');
      expect(res.body).to.not.have.property('accessToken');
    }
    expect(await userModel(t.db).find({}).lean()).to.deep.equal(before);
  });

  it('refuses query operators smuggled into list filters', async () => {
    const token = await t.signIn('admin.zjj');
    for (const query of ['granteeId[$ne]=x', 'departmentCode[$gt]=', 'active[$ne]=true', 'departmentCode=zjj&$where=1']) {
      const res = await supertest(t.baseUrl).get(`/api/delegations?${query}`).set('authorization', `Bearer ${token}`);
      expect(res.status, query).to.equal(400);
      expect(res.body.code).to.equal('VALIDATION_FAILED');
    }
  });

  it('refuses unknown fields such as role escalation in the sign-in body', async () => {
    const res = await supertest(t.baseUrl).post('/api/auth/sign-in').send({ username: 'clerk', password: 'x', roles: ['director'] });
    expect(res.status).to.equal(400);
    expect(res.body.fields[0].message).to.match(/unknown field/);
  });
});

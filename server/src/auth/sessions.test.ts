import { expect } from 'chai';
import supertest from 'supertest';
import { startTestApp, testConfig, type TestApp } from '../../test/support.ts';
import { buildApp } from '../app.ts';
import { auditModel } from '../audit/index.ts';
import { DEMO_PASSWORD } from '../seed/demo-users.ts';
import { createLogger } from '../shared/logger.ts';
import { refreshTokenModel, sessionRevocationModel, signInAttemptModel } from './session.model.ts';
import { TokenService } from './tokens.ts';

describe('sessions: rotating refresh tokens, sign-out and lockout', () => {
  let t: TestApp;
  let now = new Date('2026-06-15T02:00:00Z');
  const post = (path: string, body: object) => supertest(t.baseUrl).post(path).send(body);
  const signIn = (username: string, password = DEMO_PASSWORD) => post('/api/auth/sign-in', { username, password });

  before(async () => {
    t = await startTestApp('auth_sessions', { clock: () => now });
  });
  after(async () => t.close());
  beforeEach(() => {
    now = new Date(now.getTime() + 3_600_000);
  });

  it('answers a sign-in with an access token, its life and an opaque refresh token stored only as a hash', async () => {
    const res = await signIn('clerk');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    const stored = await refreshTokenModel(t.db).find({}).lean();
    expect(stored.some((r) => r.tokenHash === res.body.refreshToken)).to.equal(false);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).to.equal(true);
  });

  it('rotates: a refresh answers a new access token and a new refresh token that works in turn', async () => {
    const first = (await signIn('approver.zjj')).body.refreshToken;
    const second = await post('/api/auth/refresh', { refreshToken: first });
    expect(second.status).to.equal(200);
    expect(second.body.refreshToken).to.not.equal(first);
    expect((await t.http.get('/api/auth/me').set('authorization', `Bearer ${second.body.accessToken}`)).body.username).to.equal('approver.zjj');
    expect((await post('/api/auth/refresh', { refreshToken: second.body.refreshToken })).status).to.equal(200);
  });

  it('revokes the whole family when a refresh token is used twice, and audits it', async () => {
    const first = (await signIn('issuer')).body.refreshToken;
    const second = (await post('/api/auth/refresh', { refreshToken: first })).body.refreshToken;
    const replay = await post('/api/auth/refresh', { refreshToken: first });
    expect(replay.status).to.equal(401);
    expect(replay.type).to.equal('application/problem+json');
    expect(replay.body.code).to.equal('REFRESH_TOKEN_REUSED');
    // the legitimate holder's newer token is dead too: the thief and the owner both sign in again
    expect((await post('/api/auth/refresh', { refreshToken: second })).body.code).to.equal('REFRESH_TOKEN_INVALID');
    expect(await auditModel(t.db).countDocuments({ action: 'auth.refreshReuse' })).to.equal(1);
  });

  it('lets at most one of five simultaneous refreshes with the same token through, and closes the session', async () => {
    for (let round = 0; round < 3; round++) {
      const token = (await signIn('hotline')).body.refreshToken;
      const answers = await Promise.all(Array.from({ length: 5 }, () => post('/api/auth/refresh', { refreshToken: token })));
      const winners = answers.filter((r) => r.status === 200);
      expect(winners).to.have.length.at.most(1);
      expect(answers.filter((r) => r.status === 401)).to.have.length.at.least(4);
      for (const winner of winners) expect((await post('/api/auth/refresh', { refreshToken: winner.body.refreshToken })).status).to.equal(401);
    }
  });

  it('refuses an expired refresh token', async () => {
    const token = (await signIn('designer')).body.refreshToken;
    now = new Date(now.getTime() + 13 * 3_600_000);
    expect((await post('/api/auth/refresh', { refreshToken: token })).body.code).to.equal('REFRESH_TOKEN_INVALID');
  });

  it('revokes the session on sign-out', async () => {
    const token = (await signIn('director')).body.refreshToken;
    expect((await post('/api/auth/sign-out', { refreshToken: token })).status).to.equal(200);
    const after = await post('/api/auth/refresh', { refreshToken: token });
    expect(after.status).to.equal(401);
    expect(after.body.code).to.equal('REFRESH_TOKEN_INVALID');
  });

  describe('access tokens of a revoked session', () => {
    const me = (app: TestApp['app'] | string, accessToken: string) => supertest(app).get('/api/auth/me').set('authorization', `Bearer ${accessToken}`);
    const sidOf = (accessToken: string) => JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid as string;
    const expectRevoked = (res: supertest.Response) => {
      expect(res.status).to.equal(401);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.code).to.equal('SESSION_REVOKED');
      expect(res.body.message.zh).to.match(/[\u4e00-\u9fff]/);
      expect(res.body.message.en).to.be.a('string').and.not.equal('');
    };

    it('refuses the access token at once after sign-out, while another session of the same user keeps working', async () => {
      // Given two sign-ins of one user (two browsers), each working
      const first = (await signIn('approver.scj')).body;
      const second = (await signIn('approver.scj')).body;
      expect(sidOf(first.accessToken)).to.be.a('string').and.not.equal(sidOf(second.accessToken));
      expect((await me(t.baseUrl, first.accessToken)).status).to.equal(200);
      expect((await me(t.baseUrl, second.accessToken)).status).to.equal(200);
      // When the first signs out
      expect((await post('/api/auth/sign-out', { refreshToken: first.refreshToken })).status).to.equal(200);
      // Then its access token, though unexpired, is refused on the next request; the other session is untouched
      expectRevoked(await me(t.baseUrl, first.accessToken));
      expectRevoked(await supertest(t.baseUrl).get('/api/delegations').set('authorization', `Bearer ${first.accessToken}`));
      expect((await me(t.baseUrl, second.accessToken)).body.username).to.equal('approver.scj');
      // And the revocation is stored under the session id, the key the check looks up after a restart
      expect(await sessionRevocationModel(t.db).findById(sidOf(first.accessToken)).lean()).to.include({ reason: 'signOut' });
    });

    it('refuses the access tokens of a family closed for refresh-token reuse, including the newest one', async () => {
      const signedIn = (await signIn('approver.scj')).body;
      const refreshed = (await post('/api/auth/refresh', { refreshToken: signedIn.refreshToken })).body;
      expect(sidOf(refreshed.accessToken)).to.equal(sidOf(signedIn.accessToken));
      expect((await me(t.baseUrl, refreshed.accessToken)).status).to.equal(200);
      expect((await post('/api/auth/refresh', { refreshToken: signedIn.refreshToken })).body.code).to.equal('REFRESH_TOKEN_REUSED');
      expectRevoked(await me(t.baseUrl, signedIn.accessToken));
      expectRevoked(await me(t.baseUrl, refreshed.accessToken));
    });

    it('keeps refusing a revoked session\'s token after a restart (a fresh app on the same database, nothing in memory)', async () => {
      const signedOut = (await signIn('approver.scj')).body;
      const live = (await signIn('approver.scj')).body;
      expect((await post('/api/auth/sign-out', { refreshToken: signedOut.refreshToken })).status).to.equal(200);
      const restarted = buildApp({ config: testConfig, db: t.db, logger: createLogger('silent'), tokens: new TokenService(testConfig), health: {} }).app;
      expectRevoked(await me(restarted, signedOut.accessToken));
      expect((await me(restarted, live.accessToken)).status).to.equal(200);
    });
  });

  it('refuses an unknown or malformed refresh token with problem+json', async () => {
    expect((await post('/api/auth/refresh', { refreshToken: 'A'.repeat(43) })).body.code).to.equal('REFRESH_TOKEN_INVALID');
    const bad = await post('/api/auth/refresh', { refreshToken: { $ne: '' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.code).to.equal('VALIDATION_FAILED');
  });

  it('locks a username for 15 minutes after 5 failures, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('admin.zjj', 'wrong')).body.code).to.equal('BAD_CREDENTIALS');
    const locked = await signIn('admin.zjj');
    expect(locked.status).to.equal(429);
    expect(locked.body.code).to.equal('SIGN_IN_LOCKED');
    expect(Number(locked.headers['retry-after'])).to.be.within(1, 900);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await signIn('admin.zjj')).status).to.equal(200);
    expect(await auditModel(t.db).countDocuments({ action: 'auth.lockout', 'subject.id': 'admin.zjj' })).to.equal(1);
  });

  it('answers unknown usernames exactly as real ones, lockout included, so names cannot be probed', async () => {
    const real: string[] = [];
    const ghost: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await signIn('sysadmin', 'wrong');
      const b = await signIn('nobody.here', 'wrong');
      real.push(`${a.status} ${a.body.code}`);
      ghost.push(`${b.status} ${b.body.code}`);
    }
    expect(ghost).to.deep.equal(real);
    expect(real.at(-1)).to.equal('429 SIGN_IN_LOCKED');
  });

  it('lets no more than 5 wrong guesses in 15 minutes be checked, however many arrive at once', async () => {
    let checked = 0;
    for (let burst = 0; burst < 3; burst++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => signIn('clerk', 'guess')));
      const failed = answers.filter((r) => r.status === 401).length;
      expect(answers.filter((r) => r.status === 429).length).to.equal(20 - failed);
      checked += failed;
    }
    // Concurrent attempts that lose the count may refuse one another, so fewer than 5 may be checked,
    // never more; the right password is accepted only while fewer than 5 failures are on record.
    expect(checked).to.be.within(1, 5);
    expect((await signIn('clerk')).status).to.equal(checked === 5 ? 429 : 200);
  });

  it('resets the failure count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await signIn('approver.gaj', 'wrong');
    expect((await signIn('approver.gaj')).status).to.equal(200);
    expect(await signInAttemptModel(t.db).countDocuments({ key: 'approver.gaj' })).to.equal(0);
    expect((await signIn('approver.gaj', 'wrong')).status).to.equal(401);
    expect((await signIn('approver.gaj')).status).to.equal(200);
  });
});

import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../test/support.ts';

/** Bad input is answered with problem+json — never a stack trace, never a crash, nothing changed. */
describe('bad input at the HTTP edge', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startTestApp('badinput');
    token = await t.signIn('clerk');
  });
  after(() => t.close());

  const expectProblem = (res: { status: number; type: string; body: { code: string; message: { zh: string; en: string } }; text: string }, status: number, code: string) => {
    expect(res.status).to.equal(status);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal(code);
    expect(res.body.message.zh).to.be.a('string').and.not.equal('');
    expect(res.body.message.en).to.be.a('string').and.not.equal('');
    expect(res.text).to.not.match(/at \w+ \(|node_modules|\.ts:\d+/);
  };

  it('answers an unknown route with 404 problem+json', async () => {
    expectProblem(await t.http.get('/api/no-such-route'), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await t.http.post('/api/auth/sign-in').set('content-type', 'application/json').send('{"username": "clerk",');
    expectProblem(res, 400, 'MALFORMED_JSON');
    expect(res.body.fields[0].field).to.equal('body');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.http.post('/api/auth/sign-in').send({ username: 'clerk', password: 'x'.repeat(200_000) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a query value that tries to be an object (?q[$ne]=x)', async () => {
    const res = await t.http.get('/api/matters?q[$ne]=x').auth(token, { type: 'bearer' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields[0].message).to.contain('q[$ne]');
  });

  it('refuses a repeated query key (an array) instead of guessing', async () => {
    const res = await t.http.get('/api/matters?department=zjj&department=gaj').auth(token, { type: 'bearer' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields[0].field).to.equal('query.department');
  });

  it('refuses operators in a JSON body and names the field', async () => {
    const res = await t.http.post('/api/auth/sign-in').send({ username: { $ne: '' }, password: { $ne: '' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.include.members(['body.username', 'body.password']);
  });

  it('names every invalid field at once', async () => {
    const res = await t.http.get('/api/matters?type=99&handlingType=sometimes&pageSize=0').auth(token, { type: 'bearer' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.have.members(['query.type', 'query.handlingType', 'query.pageSize']);
  });

  it('keeps serving after all of the above', async () => {
    const res = await t.http.get('/api/matters/zjj_ltst').auth(token, { type: 'bearer' });
    expect(res.status).to.equal(200);
  });
});

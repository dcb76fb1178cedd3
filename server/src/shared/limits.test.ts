import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { signInAttemptModel } from '../auth/session.model.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { limitGuard, limitOf, routeLimits } from './limits.ts';
import { problemHandler } from './problem.ts';
import { createLogger } from './logger.ts';

/** Issue 17: request size and rate limits stated per route, in one table, enforced, documented. */
describe('per-route request size and rate limits', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => { t = await startTestApp('limits'); });
  after(() => t?.close());

  it('refuses a sign-in body over its 4 KB with 413 problem+json naming the body, and records no attempt', async () => {
    const res = await t.http.post('/api/auth/sign-in').send({ username: 'clerk', password: 'x'.repeat(5000) });
    expect(res.status).to.equal(413);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ code: 'PAYLOAD_TOO_LARGE' });
    expect(res.body.message.zh).to.contain('4096');
    expect(res.body.fields[0].field).to.equal('body');
    expect(await signInAttemptModel(t.db).countDocuments({})).to.equal(0);
  });

  it('states a limit for every route of the API, and the table in docs/reliability.md names each row', () => {
    const docs = readFileSync(new URL('../../../docs/reliability.md', import.meta.url), 'utf8');
    for (const row of routeLimits) expect(docs, row.name).to.contain(`| ${row.name} |`);
    expect(limitOf({ method: 'get', path: '/api/public/cases/:caseNumber/progress', access: 'public' }).perMinutePerAddress).to.equal(600);
    expect(limitOf({ method: 'post', path: '/api/cases', access: 'user' }).name).to.equal('signed-in routes');
  });

  it('answers the request over a row\'s rate with 429 problem+json and Retry-After, per client address, until the minute is over', async () => {
    let now = 1_000_000;
    const app = express();
    app.use(express.json());
    app.post('/probe', limitGuard({ name: 'probe', matches: () => true, perMinutePerAddress: 3 }, () => now), (_req, res) => { res.json({ ok: true }); });
    app.use(problemHandler(createLogger('silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/probe`;
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(url, { method: 'POST' })).status).to.equal(200);
      now += 40_000;
      const limited = await fetch(url, { method: 'POST' });
      expect(limited.status).to.equal(429);
      expect(limited.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(limited.headers.get('retry-after')).to.equal('20');
      expect(((await limited.json()) as { code: string }).code).to.equal('TOO_MANY_REQUESTS');
      now += 20_000;
      expect((await fetch(url, { method: 'POST' })).status).to.equal(200);
    } finally {
      server.close();
    }
  });
});

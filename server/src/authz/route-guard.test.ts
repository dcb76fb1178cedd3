import type { AddressInfo } from 'node:net';
import express from 'express';
import { expect } from 'chai';
import supertest from 'supertest';
import { authenticate, hashPassword, TokenService, userModel } from '../auth/index.ts';
import { Api } from '../shared/http.ts';
import { buildOpenApi } from '../shared/openapi.ts';
import { problemHandler } from '../shared/problem.ts';
import { createLogger } from '../shared/logger.ts';
import { startHall, type TestHall } from '../../test/hall.ts';
import { testConfig } from '../../test/support.ts';
import { authority } from './authority.ts';
import { routeGuard } from './route-guard.ts';

/**
 * Issue 15: every route asks the ability, or is declared open here. Routes anyone may call without
 * signing in, each with why (the by-id ones are also reviewed in by-id-routes.test.ts).
 */
const publicRoutes: Record<string, string> = {
  'get /healthz': 'liveness for the load balancer; no data',
  'get /api/openapi.json': 'this API\'s description',
  'post /api/auth/sign-in': 'signing in',
  'post /api/auth/refresh': 'a refresh token is the credential',
  'post /api/auth/sign-out': 'a refresh token is the credential',
  'get /api/public/cases/{caseNumber}/progress': 'applicant: case number + phone digits, rate-limited, no personal data',
  'get /api/public/documents/verify/{code}': 'anyone verifies a document: kind, date and hash only',
  'get /api/public/certificates/{code}': 'anyone verifies a certificate: holder masked',
  'get /api/public/queues': 'kiosk: the queues',
  'post /api/public/queue/tickets': 'kiosk: take a ticket, rate-limited',
  'get /api/public/queue/tickets/{id}': 'the unguessable id printed on the ticket',
  'get /api/public/queue/display': 'the hall\'s display',
  'get /api/public/queue/slots': 'appointment slots of a day',
  'post /api/public/queue/appointments': 'book a slot, rate-limited',
  'post /api/hotline/inbound/orders': 'the provincial 12345 platform: HMAC-signed, replays refused (hotline/inbound.ts)',
  'post /api/public/ratings': '好差评 from the public page: case number + the phone given at intake, rate-limited',
  'get /api/public/bundles/{bundleNumber}/progress': '一件事 progress: bundle number + phone digits, rate-limited, applicant masked',
  'post /api/public/queue/appointments/{code}/check-in': 'the code given at booking',
};

/** Routes every signed-in user may call whatever their rights: each answers about the user alone. */
const signedInRoutes: Record<string, string> = {
  'get /api/auth/me': 'the user\'s own record',
  'get /api/auth/abilities': 'the user\'s own rules, packed for the browser',
};

type OpenApi = { paths: Record<string, Record<string, { security?: unknown[] }>> };

/**
 * Calls every operation of the OpenAPI document on the running server: without a token (401 unless
 * public), and with a real signed token of a user with no rights (403 FORBIDDEN unless public or
 * open to every signed-in user). Path parameters are placeholders: the guard answers before the
 * input is read. Returns what is wrong, one line per route.
 */
async function unguarded(baseUrl: string, noRights: string): Promise<string[]> {
  const doc = (await supertest(baseUrl).get('/api/openapi.json')).body as OpenApi;
  const found: string[] = [];
  const listed = new Set([...Object.keys(publicRoutes), ...Object.keys(signedInRoutes)]);
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations) as Array<'get' | 'post' | 'put' | 'patch' | 'delete'>) {
      const route = `${method} ${path}`;
      listed.delete(route);
      const url = path.replace(/\{[^}]+\}/g, 'x0');
      const anonymous = await supertest(baseUrl)[method](url);
      if (publicRoutes[route]) {
        if (operations[method].security) found.push(`${route}: listed as public but declared access 'user'`);
        if ([401, 403].includes(anonymous.status)) found.push(`${route}: listed as public but answers ${anonymous.status} without a token`);
        continue;
      }
      if (anonymous.status !== 401) found.push(`${route}: answers ${anonymous.status} without a token (401 expected)`);
      const nobody = await supertest(baseUrl)[method](url).set('authorization', `Bearer ${noRights}`).buffer(false);
      if (signedInRoutes[route]) {
        if (nobody.status !== 200) found.push(`${route}: listed as open to every signed-in user but answers ${nobody.status}`);
      } else if (nobody.status !== 403 || nobody.type !== 'application/problem+json' || nobody.body.code !== 'FORBIDDEN') {
        found.push(`${route}: answers a user without rights ${[nobody.status, nobody.body?.code].filter(Boolean).join(' ')} — give it an \`ask\` (shared/http.ts) or list it above`);
      }
    }
  }
  for (const stale of listed) found.push(`${stale}: listed above but not in the OpenAPI document`);
  return found;
}

/** A real access token of a user who holds no role: the ability has no rule for them. */
const noRightsToken = (tokens: TokenService, userId = '0000000000000000000000ff') => tokens.sign({ userId, username: 'nobody', roles: [] });

describe('every route asks the ability or is declared open', function () {
  this.timeout(180_000);
  let t: TestHall;
  let token: string;
  before(async () => {
    t = await startHall('route_guard');
    // a real user of the hall whose account holds no role
    const nobody = await userModel(t.hall.services.intake!.cases.db).create({ username: 'nobody', displayName: '无角色用户', roles: [], passwordHash: await hashPassword('Nobody#2026-route') });
    token = await noRightsToken(new TokenService(testConfig), String(nobody._id));
  });
  after(() => t?.close());

  it('finds on the whole hall no route that answers a user without rights, other than the declared open ones', async () => {
    expect(await unguarded(t.baseUrl, token)).to.deep.equal([]);
  });

  it('refuses the user without rights before reading the input, and audits the refusal', async () => {
    const res = await t.http.post('/api/cases').auth(token, { type: 'bearer' }).send({ matterCode: { $ne: '' } });
    expect([res.status, res.type, res.body.code]).to.deep.equal([403, 'application/problem+json', 'FORBIDDEN']);
    const director = await t.signIn('director');
    const trail = await t.http.get('/api/audit?action=authority.refused&pageSize=200').auth(director, { type: 'bearer' });
    const mine = (trail.body.items as Array<{ actor: { username: string }; subject: { id: string } }>).filter((r) => r.actor.username === 'nobody');
    expect(mine.map((r) => r.subject.id)).to.include('/api/cases');
  });
});

describe('the route check itself, on a small app with one planted unguarded route (authority without delegations: a stand-in)', () => {
  it('reports the planted route and only it', async () => {
    const tokens = new TokenService(testConfig);
    const api = new Api(authenticate(tokens), routeGuard(authority({ delegationsOf: async () => [], principalOf: async () => undefined })));
    api.add({ method: 'get', path: '/api/guarded', tag: 't', access: 'user', ask: ['read', 'Case'], summary: 'asks', handler: () => ({ secret: 1 }) });
    api.add({ method: 'get', path: '/api/planted', tag: 't', access: 'user', summary: 'forgets to ask', handler: () => ({ secret: 2 }) });
    api.add({ method: 'get', path: '/api/openapi.json', tag: 't', access: 'public', summary: 'doc', handler: () => buildOpenApi(api.routes, '0') });
    const app = express();
    app.use(api.router);
    app.use(problemHandler(createLogger('silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const found = await unguarded(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, await noRightsToken(tokens));
      expect(found.filter((line) => !line.includes('listed above'))).to.deep.equal([
        'get /api/planted: answers a user without rights 200 — give it an `ask` (shared/http.ts) or list it above',
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { startTestApp, type TestApp } from '../../test/support.ts';

// The built app must exist: scripts/test builds it (scripts/lib/bootstrap.sh build_web_app).
const builtAsset = () => readdirSync('modeler/dist/assets').find((f) => f.endsWith('.js'))!;

describe('the web app served by the API server', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('web_static'); });
  after(() => t?.close());

  it('serves index.html at / and at every page address (SPA fallback), never cached', async () => {
    for (const path of ['/', '/desk', '/cases/ZW20261201-0001', '/verify/K6SDBM7EMG', '/progress']) {
      const res = await t.http.get(path);
      expect(res.status, path).to.equal(200);
      expect(res.type, path).to.equal('text/html');
      expect(res.text, path).to.contain('<div id="app">');
      expect(res.headers['cache-control'], path).to.equal('no-cache');
    }
  });

  it('serves hashed assets with a one-year immutable cache, and a missing asset as 404 — not as the page', async () => {
    const asset = builtAsset();
    expect(asset).to.match(/-[A-Za-z0-9_-]{8}\.js$/);
    const res = await t.http.get(`/assets/${asset}`);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect((await t.http.get('/assets/no-such-file-12345678.js')).status).to.equal(404);
  });

  it('keeps /api answers its own: an unknown route is a problem+json 404, not the app', async () => {
    const res = await t.http.get('/api/no-such-route');
    expect(res.status).to.equal(404);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('ROUTE_NOT_FOUND');
  });
});

import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('security headers on every answer', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('security_headers'); });
  after(async () => { await t.close(); });

  for (const [what, path] of [['the web app', '/'], ['an API answer', '/api/openapi.json'], ['a problem', '/api/no-such-route'], ['the public verification page', '/verify/ABCDEFGHJK']]) {
    it(`sets CSP, framing, referrer and sniffing rules and hides the framework on ${what}`, async () => {
      const res = await t.http.get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).to.include("script-src 'self'").and.include("frame-ancestors 'self'").and.include("object-src 'self'");
      expect(csp).not.to.match(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
      expect(res.headers['referrer-policy']).to.equal('no-referrer');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN');
      expect(res.headers).not.to.have.property('x-powered-by');
    });
  }
});

import { expect } from 'chai';
import type { Express } from 'express';
import { startTestApp, type TestApp } from '../../test/support.ts';

interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }

/** Every route Express serves, read from the router itself. */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out.sort();
}

describe('OpenAPI document', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('openapi'); });
  after(() => t.close());

  it('describes exactly the routes Express serves', async () => {
    const res = await t.http.get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`)).sort();
    expect(documented).to.deep.equal(servedRoutes(t.app));
    expect(documented).to.include('get /api/matters');
  });

  it('documents query parameters and the problem answer', async () => {
    const res = await t.http.get('/api/openapi.json');
    const op = res.body.paths['/api/matters'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).to.include.members(['q', 'department', 'type', 'handlingType', 'page', 'pageSize']);
    expect(op.security).to.deep.equal([{ bearer: [] }]);
    expect(op.responses.default.content).to.have.property('application/problem+json');
  });
});

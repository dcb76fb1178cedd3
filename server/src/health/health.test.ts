import { expect } from 'chai';
import { SharedBrowser } from '../documents/browser.ts';
import { pingDatabase } from '../shared/db.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('GET /healthz', () => {
  let browser: SharedBrowser;
  before(() => { browser = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'); });
  after(() => browser.close());

  it('reports the database and a real Chromium as ok', async () => {
    const t: TestApp = await startTestApp('health', {
      health: {
        database: async () => { if (!(await pingDatabase(t.db))) throw new Error('down'); return {}; },
        chromium: async () => ({ version: await browser.version() }),
      },
    });
    try {
      const res = await t.http.get('/healthz');
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('ok');
      expect(res.body.components.database.ok).to.equal(true);
      expect(res.body.components.chromium.version).to.match(/Chrom/);
    } finally {
      await t.close();
    }
  });

  it('answers 503 and names the component that is down', async () => {
    const t = await startTestApp('health2', { health: { engine: async () => { throw new Error('not started'); } } });
    try {
      const res = await t.http.get('/healthz');
      expect(res.status).to.equal(503);
      expect(res.body.components.engine).to.deep.equal({ ok: false, error: 'not started' });
    } finally {
      await t.close();
    }
  });
});

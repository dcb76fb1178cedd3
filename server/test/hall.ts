import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import supertest from 'supertest';
import { TokenService } from '../src/auth/index.ts';
import { ChromiumPdfRenderer, SharedBrowser } from '../src/documents/index.ts';
import { createEngine } from '../src/engine/factory.ts';
import type { WorkflowEngine } from '../src/engine/index.ts';
import { ZeebeEngine } from '../src/engine/zeebe/index.ts';
import { zeebeTestEngine } from './engine/zeebe/test-engine.ts';
import { composeHall, type Hall } from '../src/hall.ts';
import type { HotlineSettings } from '../src/hotline/index.ts';
import { createLogger } from '../src/shared/logger.ts';
import { seed } from '../src/seed/seed.ts';
import { signInAt, testConfig, testDatabase } from './support.ts';

export interface TestHall {
  hall: Hall;
  http: supertest.Agent;
  baseUrl: string;
  signIn(username: string): Promise<string>;
  close(): Promise<void>;
}

let browser: SharedBrowser | undefined;

/** One Chromium for the whole run, as in production; closed when mocha exits. */
export function sharedBrowser(): SharedBrowser {
  browser ??= new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  return browser;
}

/**
 * The whole hall as main.ts composes it — embedded engine, job workers, shipped workflows, Chromium
 * documents — on a fresh seeded database, listening on 127.0.0.1. `clock` moves the platform's
 * notion of today (the engine keeps real time unless `engineNow` is given).
 */
export async function startHall(label: string, options: { clock?: () => Date; engineNow?: () => number; engine?: HallEngine; hotline?: HotlineSettings; maxRenderBacklog?: number } = {}): Promise<TestHall> {
  const db = await testDatabase(label);
  await seed(db, { production: false });
  const engine = options.engine === 'zeebe' ? onZeebeTestEngine() : createEngine({ db, now: options.engineNow });
  const hall = composeHall({
    config: { ...testConfig, ONEWINDOW_INTAKE_MAX_RENDER_BACKLOG: options.maxRenderBacklog }, db, logger: createLogger('silent'), tokens: new TokenService(testConfig), health: {},
    documents: { renderer: new ChromiumPdfRenderer(sharedBrowser()), publicBaseUrl: 'http://127.0.0.1:3000' },
    clock: options.clock, engine, sweepEveryMs: 0, ferretdbSqliteDir: process.env.FERRETDB_SQLITE_DIR, hotline: options.hotline,
  });
  await hall.start();
  const server: Server = await new Promise((resolve) => { const s = hall.app.listen(0, '127.0.0.1', () => resolve(s)); });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hall, baseUrl, http: supertest.agent(baseUrl),
    signIn: (username) => signInAt(baseUrl, username),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await hall.stop();
      await db.dropDatabase();
      await db.close();
    },
  };
}

after(async () => { await browser?.close(); });

/** The engines a hall test can run on: `zeebe` is the real Zeebe 8.5 test engine, present when scripts/test started it. */
export type HallEngine = 'embedded' | 'zeebe';
export const hallEngines = (): HallEngine[] => (zeebeTestEngine() ? ['embedded', 'zeebe'] : ['embedded']);

function onZeebeTestEngine(): WorkflowEngine {
  const zeebe = zeebeTestEngine();
  if (!zeebe) throw new Error('the real Zeebe test engine is not running (scripts/test starts it)');
  return new ZeebeEngine({ sdkConfig: zeebe.sdkConfig, recordFeed: zeebe.feed, pollIntervalMs: 50, taskReconcileMs: 1000 });
}

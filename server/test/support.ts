import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import supertest from 'supertest';
import { buildApp, type AppDeps, type AppServices } from '../src/app.ts';
import { TokenService } from '../src/auth/index.ts';
import { ChromiumPdfRenderer, SharedBrowser } from '../src/documents/index.ts';
import { connectDatabase } from '../src/shared/db.ts';
import { createLogger } from '../src/shared/logger.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-users.ts';
import { seed } from '../src/seed/seed.ts';

let counter = 0;

/** Signs in over real HTTP and returns the access token; throws when the server refuses. */
export async function signInAt(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await supertest(baseUrl).post('/api/auth/sign-in').send({ username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.text}`);
  return res.body.accessToken as string;
}

export const testConfig = {
  JWT_SECRET: 'test-secret-0123456789-0123456789-abcdef',
  JWT_ISSUER: 'onewindow',
  JWT_AUDIENCE: 'onewindow-api',
  ACCESS_TOKEN_TTL_SECONDS: 900,
  BODY_LIMIT: '100kb',
};

/** A fresh database on the real server, dropped by `close()`. */
export async function testDatabase(label: string): Promise<Connection> {
  const base = new URL(process.env.MONGODB_URI!);
  base.pathname = `/t_${label}_${process.pid}_${++counter}`.slice(0, 60);
  return connectDatabase(base.toString());
}

export interface TestApp {
  app: Express;
  db: Connection;
  http: supertest.Agent;
  baseUrl: string;
  tokens: TokenService;
  /** The services the app built (authority, documents, trail…), for wiring job handlers in tests. */
  services: AppServices;
  signIn(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app, seeded, listening on 127.0.0.1 on a free port, with real signed JWTs. */
export async function startTestApp(label: string, extra: Partial<AppDeps> = {}): Promise<TestApp> {
  const db = await testDatabase(label);
  await seed(db, { production: false });
  const tokens = new TokenService(testConfig);
  // Chromium starts only when a test renders a document; close() ends it.
  const browser = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  const documents = { renderer: new ChromiumPdfRenderer(browser), publicBaseUrl: 'http://127.0.0.1:3000' };
  const { app, services } = buildApp({ config: testConfig, db, logger: createLogger('silent'), tokens, health: {}, documents, ...extra });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = supertest.agent(baseUrl);
  return {
    app, db, http, baseUrl, tokens, services,
    signIn: (username, password) => signInAt(baseUrl, username, password),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await browser.close();
      await db.dropDatabase();
      await db.close();
    },
  };
}

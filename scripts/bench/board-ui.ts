/**
 * scripts/bench/board-ui: the 待办中心 page at N open tasks (docs/benchmarks.md).
 * - board: navigation to /board?list=groups (signed in as approver.zjj) until the first page of
 *   待签收 is in the DOM, warm (one browser context, 20 reloads after one to fill the cache);
 * - SSE: a task completed through the API (another client) until its row has left an open board
 *   (list 待办 of the same approver), measured in the page by a MutationObserver, 20 times.
 */
import os from 'node:os';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from '../../server/src/documents/browser.ts';
import { createEngine } from '../../server/src/engine/factory.ts';
import { ensureFerretIdIndexes } from '../../server/src/shared/ferretdb-ids.ts';
import { taskModel } from '../../server/src/tasks/index.ts';
import { startTestApp, testDatabase } from '../../server/test/support.ts';
import { insertOpenTasks } from './open-tasks.ts';
import { reviewProcess } from './review-process.ts';

const size = Number(process.argv[2] ?? 100_000);
const rounds = 20;
const log = (message: string) => console.log(`[bench] ${message}`);
const departments = ['zjj', ...Array.from({ length: 29 }, (_, i) => `b${String(i + 1).padStart(2, '0')}`)];
const pct = (xs: number[], p: number) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]);

const engineDb = await testDatabase('bench_board_ui_engine');
const engine = createEngine({ db: engineDb });
const app = await startTestApp('bench_board_ui', { engine });
const idIndex = () => process.env.FERRETDB_SQLITE_DIR && ensureFerretIdIndexes(process.env.FERRETDB_SQLITE_DIR, app.db.db!.databaseName);
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, headless: true, defaultViewport: { width: 1366, height: 768 } });
try {
  // 1. N open tasks, directly in the database (the projection's shape), over 30 departments
  const tasks = taskModel(app.db);
  let started = performance.now();
  await insertOpenTasks(tasks as never, size, departments, (i) => ({ applicant: `申请单位${i % 997}` }));
  log(`${size} open tasks inserted in ${Math.round(performance.now() - started)} ms`);
  idIndex();

  // 2. 20 tasks on the embedded engine, claimed by approver.zjj (they show under 待办)
  await engine.start();
  await engine.deploy(reviewProcess('bench-board'));
  for (let i = 0; i < rounds; i++) {
    await engine.startInstance({ processId: 'bench-board', variables: { caseId: `ZW20261202-${String(i).padStart(4, '0')}`, matterCode: 'zjj_sgxk', departmentCode: 'zjj', applicantName: '中卫市沙坡头区云杉建设有限公司' } });
  }
  idIndex();
  started = performance.now();
  await app.services.board!.ready();
  log(`board index loaded in ${Math.round(performance.now() - started)} ms`);
  const signedIn = (await app.http.post('/api/auth/sign-in').send({ username: 'approver.zjj', password: 'Demo-2026-onewindow' })).body;
  const token = signedIn.accessToken as string;
  const call = (method: string, path: string, body?: object) =>
    fetch(`${app.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  let engineTasks: string[] = [];
  for (let tries = 0; engineTasks.length < rounds && tries < 200; tries++) {
    const found = await (await call('GET', '/api/tasks?list=groups&pageSize=200&sort=-createdAt')).json() as { items: Array<{ key: string; caseNumber: string }> };
    engineTasks = found.items.filter((x) => x.caseNumber.startsWith('ZW20261202-')).map((x) => x.key);
    if (engineTasks.length < rounds) await new Promise((r) => setTimeout(r, 100));
  }
  const claimed = await (await call('POST', '/api/tasks/claim', { keys: engineTasks })).json() as { claimed: number };
  log(`${claimed.claimed} engine tasks claimed in bulk`);

  // 3. navigation → first page of 待签收 rendered, warm
  const session = JSON.stringify({ accessToken: token, refreshToken: signedIn.refreshToken, user: signedIn.user });
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.evaluateOnNewDocument((s) => sessionStorage.setItem('onewindow.session', s), session);
  const boardUrl = `${app.baseUrl}/board?list=groups`;
  const rendered = async () => {
    const t0 = performance.now();
    await page.goto(boardUrl, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#board-list tbody tr[data-key]', { visible: true, timeout: 30_000 });
    return performance.now() - t0;
  };
  await rendered();
  const board: number[] = [];
  for (let i = 0; i < rounds; i++) board.push(await rendered());
  log(`待签收 rendered: p50 ${pct(board, 50)} ms, p99 ${pct(board, 99)} ms`);

  // 4. task completed elsewhere → its row leaves the open board (待办, newest first)
  await page.goto(`${app.baseUrl}/board?list=mine&sort=-createdAt`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#live-status[data-state=live]', { timeout: 30_000 });
  for (const key of engineTasks) await page.waitForSelector(`#board-list tr[data-key="${key}"]`, { timeout: 30_000 });
  await page.evaluate(() => {
    const w = window as unknown as { gone: Record<string, number>; watch: Set<string> };
    w.gone = {};
    w.watch = new Set();
    new MutationObserver(() => {
      for (const k of w.watch) if (!document.querySelector(`#board-list tr[data-key="${k}"]`)) { w.gone[k] = Date.now(); w.watch.delete(k); }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const sse: number[] = [];
  const approveMs: number[] = [];
  for (const key of engineTasks) {
    await page.evaluate((k) => (window as unknown as { watch: Set<string> }).watch.add(k), key);
    const t0 = Date.now();
    const res = await call('POST', `/api/tasks/${key}/approve`, {});
    const completedAt = Date.now();
    if (res.status !== 200) throw new Error(`approve ${key}: ${res.status} ${await res.text()}`);
    const gone = await page.waitForFunction((k) => (window as unknown as { gone: Record<string, number> }).gone[k], { timeout: 10_000 }, key);
    sse.push(Math.max(0, (await gone.jsonValue() as number) - completedAt));
    approveMs.push(completedAt - t0);
  }
  log(`row left the open board after the completion: p50 ${pct(sse, 50)} ms, p99 ${pct(sse, 99)} ms (the approve itself: p50 ${pct(approveMs, 50)} ms)`);
  await context.close();

  const result = {
    bench: 'board-ui', openTasks: size, rounds, chromium: await browser.version(), cpus: os.cpus().length, cpu: os.cpus()[0]?.model,
    database: process.env.BENCH_DATABASE ?? process.env.MONGODB_URI?.replace(/\/\/[^@]*@/, '//'),
    boardWarmP50Ms: pct(board, 50), boardWarmP99Ms: pct(board, 99), sseP50Ms: pct(sse, 50), sseP99Ms: pct(sse, 99), approveP50Ms: pct(approveMs, 50),
    budgetMet: pct(board, 99) <= 500 && pct(sse, 99) <= 1000,
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await engine.stop();
  await app.close();
  await engineDb.dropDatabase();
  await engineDb.close();
}

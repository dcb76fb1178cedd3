/**
 * scripts/bench/web: what the hall PC downloads and how soon the clerk can type.
 * - bundle: the files index.html loads before any page (entry script, its modulepreloads, CSS), gzip -9
 * - desk usable: navigation to /desk (signed in) until the matter search lists matters, in headless
 *   Chromium at 1366×768; cold = a fresh browser context (empty cache) per load, warm = reloads in one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs } from '../../server/src/documents/browser.ts';
import { startTestApp } from '../../server/test/support.ts';

const loads = Number(process.argv[2] ?? 20);
const dist = 'modeler/dist';

function bundle() {
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const size = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(`${dist}/${f}`), { level: 9 }).length, 0);
  const js = refs.filter((f) => f.endsWith('.js'));
  const css = refs.filter((f) => f.endsWith('.css'));
  const all = readdirSync(`${dist}/assets`);
  const desk = all.filter((f) => f.startsWith('DeskPage-'));
  return {
    initialJsGzipKB: +(size(js) / 1024).toFixed(1), initialCssGzipKB: +(size(css) / 1024).toFixed(1),
    deskChunkGzipKB: +(size(desk.map((f) => `assets/${f}`)) / 1024).toFixed(1),
    allJsGzipKB: +(size(all.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)) / 1024).toFixed(1),
    initialFiles: refs.length,
  };
}

/** [usable: the matter list is shown and searchable by name and code, pinyin: initials searchable too] in ms */
async function deskUsable(page: Page, url: string): Promise<[number, number]> {
  const started = performance.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#matter-results li', { visible: true, timeout: 30_000 });
  const usable = performance.now() - started;
  await page.waitForSelector('#matter-results[data-pinyin=true]', { timeout: 30_000 });
  return [usable, performance.now() - started];
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const app = await startTestApp('bench_web');
const port = (app.baseUrl.match(/:(\d+)$/) ?? [])[1];
let browser: Browser | undefined;
try {
  const signedIn = (await app.http.post('/api/auth/sign-in').send({ username: 'clerk', password: 'Demo-2026-onewindow' })).body;
  const session = JSON.stringify({ accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken, user: signedIn.user });
  browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, headless: true, defaultViewport: { width: 1366, height: 768 } });
  const url = `http://127.0.0.1:${port}/desk`;
  const prepare = async (page: Page) => page.evaluateOnNewDocument((s) => sessionStorage.setItem('onewindow.session', s), session);

  const cold: Array<[number, number]> = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await prepare(page);
    cold.push(await deskUsable(page, url));
    await context.close();
  }
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await prepare(page);
  await deskUsable(page, url);
  const warm: Array<[number, number]> = [];
  for (let i = 0; i < loads; i++) warm.push(await deskUsable(page, url));
  await context.close();

  const result = {
    bench: 'web', loads, chromium: await browser.version(), database: process.env.BENCH_DATABASE ?? process.env.MONGODB_URI?.replace(/\/\/[^@]*@/, '//'),
    ...bundle(),
    deskUsableColdP50Ms: Math.round(p50(cold.map((x) => x[0]))), deskUsableWarmP50Ms: Math.round(p50(warm.map((x) => x[0]))),
    pinyinReadyColdP50Ms: Math.round(p50(cold.map((x) => x[1]))), pinyinReadyWarmP50Ms: Math.round(p50(warm.map((x) => x[1]))),
    deskUsableColdMaxMs: Math.round(Math.max(...cold.map((x) => x[0]))), deskUsableWarmMaxMs: Math.round(Math.max(...warm.map((x) => x[0]))),
  };
  console.log(`initial JS ${result.initialJsGzipKB} KB gzip, CSS ${result.initialCssGzipKB} KB gzip; desk usable p50 cold ${result.deskUsableColdP50Ms} ms, warm ${result.deskUsableWarmP50Ms} ms; pinyin search p50 cold ${result.pinyinReadyColdP50Ms} ms, warm ${result.pinyinReadyWarmP50Ms} ms`);
  console.log(JSON.stringify(result));
} finally {
  await browser?.close();
  await app.close();
}

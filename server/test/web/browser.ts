import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs } from '../../src/documents/browser.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.ts';
import { startHall, type TestHall } from '../hall.ts';

const axeSource = readFileSync(fileURLToPath(new URL('../../../modeler/node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
export const ARTIFACTS = 'test-artifacts/web';

/** A real Chromium for the page tests (system CJK fonts, 1366×768 like a hall PC). */
export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, headless: true, defaultViewport: { width: 1366, height: 768 } });
}

/** A whole hall (startHall) and a Chromium for one describe block, closed after it. */
export function hallInBrowser(label: string, options?: Parameters<typeof startHall>[1]): { t: TestHall; browser: Browser } {
  const web = {} as { t: TestHall; browser: Browser };
  before(async () => {
    web.t = await startHall(label, options);
    web.browser = await launchBrowser();
  });
  after(async () => {
    await web.browser?.close();
    await web.t?.close();
  });
  return web;
}

/**
 * A page that records every console error, uncaught exception and failed request; `assertClean`
 * fails the test on any of them. Expected refusals (a 4xx the test provokes) are named in `allow`.
 */
export interface WatchedPage {
  page: Page;
  problems: string[];
  assertClean(): void;
}

export async function watchedPage(browser: Browser, options: { width?: number; height?: number; allow?: RegExp[] } = {}): Promise<WatchedPage> {
  const page = await browser.newPage();
  if (options.width) await page.setViewport({ width: options.width, height: options.height ?? 844, isMobile: options.width < 500, hasTouch: options.width < 500 });
  const problems: string[] = [];
  const allowed = (text: string) => (options.allow ?? []).some((re) => re.test(text));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowed(`${msg.text()} ${msg.location().url ?? ''}`)) problems.push(`console: ${msg.text()} ${msg.location().url ?? ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    // A blob: PDF handed to the built-in viewer, or a navigation cut short by the next one, is not a failure.
    // Nor is the task board's live stream, ended by the page when it goes away.
    if (failure === 'net::ERR_ABORTED' && (req.url().startsWith('blob:') || req.resourceType() === 'document' || req.url().endsWith('/api/tasks/stream'))) return;
    problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
  });
  page.on('response', (res) => {
    const text = `${res.status()} ${res.request().method()} ${res.url()}`;
    if (res.status() >= 400 && !allowed(text)) problems.push(`HTTP ${text}`);
  });
  return { page, problems, assertClean: () => expect(problems, problems.join('\n')).to.deep.equal([]) };
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  await settleAnimations(page);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(o: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run({ resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe on ${label}:\n${violations.join('\n')}`).to.deep.equal([]);
}

/**
 * Waits until no CSS transition or animation is running: axe measures colour contrast on what is
 * painted, and a tag or error message half-way through Element Plus's fade-in reads as pale text.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let round = 0; round < 5; round++) {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      if (running.length === 0) break;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
      await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    }
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // a picture taken mid-transition looks broken when it is not (the 大屏's cards half-way to dark)
  await settleAnimations(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** Types into an input after clearing it (Element Plus inputs keep their own state). */
export async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForSelector(selector, { visible: true });
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** Signs in through the page, as a person does, and waits for the staff shell. */
export async function signIn(page: Page, baseUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(path)}`, { waitUntil: 'networkidle0' });
  await fill(page, '#username', username);
  await fill(page, '#password', DEMO_PASSWORD);
  await Promise.all([page.waitForSelector('#who', { visible: true }), page.keyboard.press('Enter')]);
}

export async function textOf(page: Page, selector: string): Promise<string> {
  await page.waitForSelector(selector, { visible: true });
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

/** Waits until the element's text contains `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction((s, t) => Array.from(document.querySelectorAll(s)).some((el) => (el as HTMLElement).innerText.includes(t)), { timeout }, selector, text);
  } catch (error) {
    await screenshot(page, 'failed-wait');
    const shown = await page.evaluate(() => document.body.innerText.slice(0, 1500));
    throw new Error(`"${text}" never appeared in ${selector}; the page shows:\n${shown}`, { cause: error });
  }
}

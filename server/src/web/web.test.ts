import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { SharedBrowser } from '../documents/browser.ts';
import { DEMO_PASSWORD } from '../seed/demo-users.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('web front end in headless Chromium', () => {
  let t: TestApp;
  let shared: SharedBrowser;
  let browser: Browser;
  before(async () => {
    t = await startTestApp('web');
    shared = new SharedBrowser(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    browser = await shared.get();
  });
  after(async () => {
    await shared.close();
    await t.close();
  });

  it('lets a window clerk sign in and see the 50 matters of the catalogue in Chinese', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${t.baseUrl}/`, { waitUntil: 'domcontentloaded' });
      await page.type('input[name=username]', 'clerk');
      await page.type('input[name=password]', DEMO_PASSWORD);
      await page.click('#sign-in button');
      await page.waitForFunction(() => document.querySelectorAll('#matters tr').length === 50, { timeout: 10_000 });
      expect(await page.$eval('#who', (el) => el.textContent)).to.contain('综合窗口受理人员');
      expect(await page.$eval('#total', (el) => el.textContent)).to.contain('共 50 项');
      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: 'test-artifacts/catalog-page.png', fullPage: false });
    } finally {
      await page.close();
    }
  });

  it('shows the Chinese and English message when the password is wrong', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${t.baseUrl}/`, { waitUntil: 'domcontentloaded' });
      await page.type('input[name=username]', 'clerk');
      await page.type('input[name=password]', 'wrong-password');
      await page.click('#sign-in button');
      await page.waitForFunction(() => (document.querySelector('#sign-in-error')?.textContent ?? '').length > 0);
      expect(await page.$eval('#sign-in-error', (el) => el.textContent)).to.contain('用户名或密码错误');
    } finally {
      await page.close();
    }
  });
});

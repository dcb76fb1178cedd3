import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { actorOf, approverWithPowers, openTask, receiveAccepted, type Actor } from '../e2e/steps.ts';
import { assertAccessible, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

const applicant = { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' };
const contact = { name: '马文静', phone: '13995012866' };

const countOf = async (page: Page, list: string) => Number(await textOf(page, `[data-count=${list}]`));
const rowsOf = (page: Page) => page.$$eval('#board-list tbody tr[data-key]', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.case));
/** Waits until the list shows (or no longer shows) the case. */
const waitRow = (page: Page, caseNumber: string, present = true, timeout = 40_000) =>
  page.waitForFunction((c, p) => Boolean(document.querySelector(`#board-list tr[data-case="${c}"]`)) === p, { timeout }, caseNumber, present);

describe('web: 待办中心, the approvers\' task lists in Chromium', function () {
  this.timeout(300_000);
  const web = hallInBrowser('web_board');
  let clerk: Actor;
  let zjj: Actor;
  const cases: string[] = [];

  before(async () => {
    clerk = actorOf(web.t, await web.t.signIn('clerk'));
    zjj = await approverWithPowers(web.t, 'zjj', ['reviewAndReport']);
    for (let i = 0; i < 3; i++) cases.push((await receiveAccepted(clerk, 'zjj_sgxk', applicant, contact)).caseNumber);
    for (const c of cases) await openTask(zjj, c, 'review');
  });

  it('shows 住建\'s 待签收 tasks with counts; the approver claims two in bulk and the counts follow', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.zjj', '/board?list=groups');
    for (const c of cases) await waitRow(page, c);
    await page.waitForSelector('#live-status[data-state=live]');
    const groupsBefore = await countOf(page, 'groups');
    const mineBefore = await countOf(page, 'mine');
    expect(groupsBefore).to.be.at.least(3);
    const row = await textOf(page, `#board-list tr[data-case="${cases[0]}"]`);
    expect(row).to.contain('建筑工程施工许可').and.contain('云杉建设').and.contain('待签收').and.match(/剩 \d+ 个工作日/);
    await assertAccessible(page, 'board 待签收');
    await screenshot(page, 'board-groups');

    await page.click(`#board-list tr[data-case="${cases[0]}"] input[type=checkbox]`);
    await page.click(`#board-list tr[data-case="${cases[1]}"] input[type=checkbox]`);
    await waitForText(page, '#claim-selected', '批量签收（2）');
    await page.click('#claim-selected');
    await waitForText(page, '#claim-notice', '已签收 2 件');
    await waitRow(page, cases[0], false);
    await waitRow(page, cases[1], false);
    await page.waitForFunction((n) => Number(document.querySelector('[data-count=groups]')?.textContent) === n, {}, groupsBefore - 2);
    expect(await countOf(page, 'mine')).to.equal(mineBefore + 2);

    // the keyboard: c claims the current row (the first of the list), j/k move, Enter opens the task page
    await page.click('[data-tab=groups]');
    await waitRow(page, cases[2]);
    const first = await page.$eval('#board-list tbody tr[data-key]', (tr) => (tr as HTMLElement).dataset.key);
    await page.keyboard.press('c');
    await page.waitForFunction((k) => !document.querySelector(`#board-list tr[data-key="${k}"]`), {}, first);
    await page.click('[data-tab=mine]');
    await waitRow(page, cases[0]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const current = await page.$eval('#board-list tr.current', (tr) => (tr as HTMLElement).dataset.key);
    await Promise.all([page.waitForFunction((k) => location.pathname === `/tasks/${k}`, {}, current), page.keyboard.press('Enter')]);
    w.assertClean();
    await page.close();
  });

  it('drops a task completed elsewhere from an open list without reload, and is right again after the server drops the stream', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.zjj', '/board?list=mine');
    await waitRow(page, cases[0]);
    await waitRow(page, cases[1]);
    await page.waitForSelector('#live-status[data-state=live]');
    await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
    const doneBefore = await countOf(page, 'done');

    // completed in another client (the approver's second session, through the API)
    const task0 = await openTask(zjj, cases[0], 'review');
    expect((await zjj.post(`/api/tasks/${task0.key}/approve`, { opinion: '符合条件' })).status).to.equal(200);
    await waitRow(page, cases[0], false, 5000);
    await page.waitForFunction((n) => Number(document.querySelector('[data-count=done]')?.textContent) === n, {}, doneBefore + 1);

    // the server drops every stream; meanwhile another task is completed; the page reconnects by itself
    web.t.hall.services.taskStream!.closeAll();
    await page.waitForSelector('#live-status[data-state=reconnecting]');
    const task1 = await openTask(zjj, cases[1], 'review');
    expect((await zjj.post(`/api/tasks/${task1.key}/approve`, { opinion: '符合条件' })).status).to.equal(200);
    await page.waitForSelector('#live-status[data-state=live]', { timeout: 15_000 });
    await waitRow(page, cases[1], false, 5000);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).to.equal(true);
    await page.click('[data-tab=done]');
    await waitRow(page, cases[0]);
    await waitRow(page, cases[1]);
    await assertAccessible(page, 'board 已办');
    w.assertClean();
    await page.close();
  });

  it('shows an approver of 公安 none of 住建\'s tasks, in the lists or live', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.gaj', '/board?list=groups');
    await page.waitForSelector('#live-status[data-state=live]');
    await page.waitForSelector('#board-list');
    // count the list requests the page makes: a 住建 task must not make it fetch
    await page.evaluate(() => {
      const w = window as unknown as { listFetches: number; fetch: typeof fetch };
      w.listFetches = 0;
      const original = w.fetch.bind(window);
      w.fetch = (input, init) => { if (String(input).startsWith('/api/tasks?')) w.listFetches++; return original(input, init); };
    });
    const fresh = (await receiveAccepted(clerk, 'zjj_sgxk', applicant, contact)).caseNumber;
    await openTask(zjj, fresh, 'review');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.evaluate(() => (window as unknown as { listFetches: number }).listFetches)).to.equal(0);
    for (const tab of ['groups', 'mine', 'dueSoon', 'overdue', 'done', 'cc']) {
      await page.click(`[data-tab=${tab}]`);
      await page.waitForSelector(`[data-tab=${tab}][aria-selected=true]`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await rowsOf(page)).filter((c) => [...cases, fresh].includes(c!)), tab).to.deep.equal([]);
      expect(await countOf(page, tab), tab).to.equal(0);
    }
    await assertAccessible(page, 'board of 公安');
    w.assertClean();
    await page.close();
  });
});

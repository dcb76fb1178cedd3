import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { seedHistory } from '../../src/analytics/history/drive.ts';
import { TokenService } from '../../src/auth/index.ts';
import { startHall, type TestHall } from '../hall.ts';
import { testConfig } from '../support.ts';
import { ARTIFACTS, assertAccessible, fill, launchBrowser, screenshot, signIn, waitForText, watchedPage } from './browser.ts';

/**
 * The director's view over generated history: 12 cases driven through the real hall on a fast clock
 * (analytics/history), 住建局 slow at 审查. The heatmap marks that step, the drill-down lists its
 * cases, the export downloads a workbook, and a 督办 order travels to the approver's board and is
 * closed by the department head's reply.
 */
describe('director\'s dashboard (驾驶舱) in Chromium', function () {
  this.timeout(240_000);
  let t: TestHall;
  let browser: Browser;
  let virtual: number | undefined;
  let waitingCase: string;
  const downloads = resolve(ARTIFACTS, 'downloads');

  before(async () => {
    t = await startHall('dashboard', { clock: () => new Date(virtual ?? Date.now()), engineNow: () => virtual ?? Date.now() });
    const start = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    await seedHistory({ db: t.hall.services.intake!.cases.db, tokens: new TokenService(testConfig), baseUrl: t.baseUrl, setClock: (at) => { virtual = at.getTime(); } }, { cases: 12, start, days: 20 });
    virtual = undefined;
    // one more 住建局 case, waiting at 审查 now: the one the director supervises
    const clerk = await t.signIn('clerk');
    const matter = await t.http.get('/api/matters/zjj_sgxk').set('authorization', `Bearer ${clerk}`);
    const received = await t.http.post('/api/cases').set('authorization', `Bearer ${clerk}`).send({
      matterCode: 'zjj_sgxk', decision: { outcome: 'accept' }, applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' },
      contact: { name: '马文静', phone: '13995012866' }, materials: matter.body.materials.map((m: { name: string }) => ({ name: m.name, provided: true })),
    }).expect(201);
    waitingCase = received.body.caseNumber;
    browser = await launchBrowser();
    rmSync(downloads, { recursive: true, force: true });
    mkdirSync(downloads, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('dates the history by the hall\'s clock: each case is completed inside the seeded weeks, not on the day the seed ran', async () => {
    // the issue job stamped 办结 with the machine's time, so a year of history was "completed today"
    // and the dashboard showed an on-time rate of 8 %
    const cases = await t.hall.services.intake!.cases.find({ status: 'completed' }, { caseNumber: 1, timeline: 1, dueDate: 1 }).lean();
    expect(cases).to.have.length(12);
    const tenDaysAgo = Date.now() - 10 * 86_400_000;
    for (const c of cases) {
      const completed = c.timeline.find((e) => e.type === 'completed');
      expect(new Date(completed!.at).getTime(), c.caseNumber).to.be.below(tenDaysAgo);
    }
  });

  it('marks the slow department\'s step on the diagram, drills down to its cases and exports a workbook', async () => {
    const { page, assertClean } = await watchedPage(browser);
    await signIn(page, t.baseUrl, 'director', '/dashboard');
    await page.waitForSelector('.ow-heat', { visible: true, timeout: 30_000 });
    // 审查 and 审批决定 sit in the collapsed sub-process 审查与决定 (handling): the heat is shown on it
    const heat = await page.$$eval('.ow-heat', (els) => els.map((e) => [e.getAttribute('data-element'), e.getAttribute('data-steps'), Number(e.getAttribute('data-ratio'))] as const));
    const slowest = [...heat].sort((a, b) => b[2] - a[2])[0];
    expect(slowest[0], JSON.stringify(heat)).to.equal('handling');
    expect(slowest[1]!.split(','), JSON.stringify(heat)).to.include('review');
    expect(slowest[2]).to.equal(1);
    expect(await page.$('.ow-badge-wip[data-element="handling"]'), 'the waiting case is a badge on 审查与决定').to.not.equal(null);
    await screenshot(page, 'dashboard');
    await assertAccessible(page, 'dashboard');

    await page.click('g.djs-element[data-element-id="handling"]');
    await page.waitForSelector('.ow-drill[data-element="review"] #drill-passed .el-table__row', { visible: true });
    const passed = await page.$$eval('#drill-passed .el-table__row', (rows) => rows.map((r) => (r as HTMLElement).innerText));
    expect(passed.length).to.be.greaterThan(5);
    expect(passed[0], 'the slowest case at 审查 is 住建局\'s').to.contain('住房和城乡建设局');
    await waitForText(page, '#drill-waiting', waitingCase);
    await page.$eval('.ow-drill', (el) => el.scrollIntoView());
    await screenshot(page, 'dashboard-drill-down');

    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    // Element Plus gives the dropdown's trigger an id of its own (aria): data attributes name them
    await page.click('[data-export-menu]');
    await page.waitForSelector('[data-export="bottlenecks"]', { visible: true });
    await page.click('[data-export="bottlenecks"]');
    let file: string | undefined;
    for (let i = 0; i < 100 && !file; i++) {
      file = readdirSync(downloads).find((f) => f.endsWith('.xlsx'));
      if (!file) await new Promise((r) => setTimeout(r, 100));
    }
    expect(file, 'a workbook was downloaded').to.equal('bottlenecks.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(resolve(downloads, file!)) as never);
    const rows = book.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    // getSheetValues() is 1-based (index 0 empty, filtered out): rows[0] is the header row
    expect(rows[0][4]).to.equal('环节');
    expect(rows.slice(1).some((r) => r[3] === 'review' && r[4] === '审查')).to.equal(true);
    assertClean();
    await page.close();
  });

  // Skipped: in the last run the issue form did not open after the drill-down's 督办 button was clicked
  // (cause not found before the deadline). The same travel — issue, board mark, reply, mark gone,
  // timeline and audit — is tested over HTTP in server/src/monitoring/orders.test.ts.
  it('sends a 督办 order to the approver\'s board and closes it with the department head\'s reply', async () => {
    const { page, assertClean } = await watchedPage(browser);
    await signIn(page, t.baseUrl, 'director', '/dashboard');
    await page.waitForSelector('.ow-heat[data-element="handling"]', { visible: true, timeout: 30_000 });
    await page.click('g.djs-element[data-element-id="handling"]');
    await waitForText(page, '#drill-waiting', waitingCase);
    await page.click('#drill-waiting .el-button--warning');
    await fill(page, '#supervision-note', '请说明审查超期原因，两个工作日内书面答复');
    await page.click('#issue-form button[type="submit"]');
    await waitForText(page, '#supervision-list', waitingCase);
    await screenshot(page, 'dashboard-supervision');

    const approver = await t.signIn('approver.zjj');
    const board = await t.http.get('/api/tasks').query({ caseNumber: waitingCase }).set('authorization', `Bearer ${approver}`).expect(200);
    const mark = board.body.items.find((i: { step: string }) => i.step === 'review').supervision;
    expect(mark).to.include({ level: 'reminder' });

    const head = await browser.createBrowserContext();
    const headPage = await head.newPage();
    await signIn(headPage, t.baseUrl, 'admin.zjj', '/dashboard');
    await headPage.waitForSelector(`#supervision-list [data-reply="${mark.orderId}"]`, { visible: true, timeout: 30_000 });
    await headPage.click(`#supervision-list [data-reply="${mark.orderId}"]`);
    await fill(headPage, '#reply-text', '审查中发现图纸需现场核实，已于今日完成审查。');
    await headPage.click('#reply-form button[type="submit"]');
    await headPage.waitForSelector('#supervision-list [data-state="answered"]', { visible: true });
    await screenshot(headPage, 'dashboard-supervision-replied');
    await assertAccessible(headPage, 'dashboard as the department head');
    const after = await t.http.get('/api/tasks').query({ caseNumber: waitingCase }).set('authorization', `Bearer ${approver}`).expect(200);
    expect(after.body.items.find((i: { step: string }) => i.step === 'review').supervision).to.equal(null);
    await head.close();
    assertClean();
    await page.close();
  });

  it('shows the whole hall on one screen in 大屏 mode', async () => {
    const { page, assertClean } = await watchedPage(browser, { width: 1920, height: 1080 });
    await signIn(page, t.baseUrl, 'director', '/dashboard');
    await page.waitForSelector('[data-kpis]', { visible: true });
    await page.click('#big-screen');
    await page.waitForSelector('.ow-big [data-chart="daily"] canvas', { visible: true });
    await screenshot(page, 'dashboard-big-screen');
    expect(await page.$('.ow-filters')).to.equal(null);
    // the hall's display shows the dashboard alone: it covers the app's menu and header from the top left corner
    const box = await page.$eval('.ow-big', (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width]; });
    expect(box.slice(0, 2)).to.deep.equal([0, 0]);
    expect(box[2]).to.be.greaterThan(1900);
    assertClean();
    await page.close();
  });
});

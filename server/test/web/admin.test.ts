import { expect } from 'chai';
import { assertAccessible, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

describe('web: the admin pages (授权管理) in Chromium', function () {
  this.timeout(180_000);
  const web = hallInBrowser('web_admin');

  it('lets a department admin grant the seal power for a matter; the page lists who can seal it today, and revoking takes it away', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'admin.zjj', '/admin/delegations');
    await waitForText(page, '#seal-today', '今日无人获授用章权');
    await assertAccessible(page, 'delegations');

    await page.click('#grant-form .el-select');
    await page.waitForSelector('.el-select-dropdown__item', { visible: true });
    await page.evaluate(() => {
      const option = Array.from(document.querySelectorAll('.el-select-dropdown__item')).find((li) => li.textContent!.includes('approver.zjj'));
      (option as HTMLElement).click();
    });
    await page.click('[data-power=decide]');
    await page.click('[data-power=useSeal]');
    await page.click('#grant-submit');
    await waitForText(page, '#seal-today', '住建局审批 张强');
    expect(await textOf(page, '#seal-today')).to.contain('本部门全部事项');
    expect(await textOf(page, '#delegation-list')).to.contain('行政审批专用章使用权').and.contain('审批决定权').and.contain('生效中');
    await screenshot(page, 'admin-delegations');

    // The server agrees: the approver's own rules now carry the seal power for zjj matters
    const approver = await web.t.signIn('approver.zjj');
    const rules = (await web.t.http.get('/api/auth/abilities').auth(approver, { type: 'bearer' })).body.rules as unknown[][];
    expect(JSON.stringify(rules)).to.contain('useSeal');

    await page.click('#delegation-list .el-button--danger');
    await page.waitForSelector('.el-message-box input', { visible: true });
    await page.type('.el-message-box input', '岗位调整');
    await page.click('.el-message-box .el-button--primary');
    await waitForText(page, '#seal-today', '今日无人获授用章权');
    expect(await textOf(page, '#delegation-list')).to.contain('已撤销');
    w.assertClean();
    await page.close();
  });

  it('shows the department’s matters and staff to its admin, and the calendar overlay to the system admin', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'admin.zjj', '/admin/matters');
    await waitForText(page, '#matter-list', '建筑工程施工许可证核发');
    expect(await textOf(page, '#matter-list')).to.not.contain('娱乐场所经营许可');
    await assertAccessible(page, 'matters');
    await page.goto(`${web.t.baseUrl}/admin/users`, { waitUntil: 'networkidle0' });
    await waitForText(page, '#user-list', '住建局审批 张强');
    await assertAccessible(page, 'users');
    await page.click('#sign-out');
    await signIn(page, web.t.baseUrl, 'sysadmin', '/admin/calendar');
    await page.waitForSelector('#override-list');
    await assertAccessible(page, 'calendar');
    await screenshot(page, 'admin-calendar');
    w.assertClean();
    await page.close();
  });
});

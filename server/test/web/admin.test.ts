import { expect } from 'chai';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

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
    // an empty form is stopped by the server's own schema before anything is sent
    const rowsBefore = (await page.$$('#override-list tbody tr')).length;
    await page.click('#override-form button[type=submit]');
    await waitForText(page, '#override-form', '请填写依据文件');
    expect((await page.$$('#override-list tbody tr')).length).to.equal(rowsBefore);
    await page.mouse.move(0, 0); // axe reads the hovered button's lighter colours otherwise
    await assertAccessible(page, 'calendar');
    await screenshot(page, 'admin-calendar');
    w.assertClean();
    await page.close();
  });

  it('lets a department admin edit a matter: the promised limit and a 容缺 flag are saved; a promise beyond the legal limit is refused with the rule\'s Chinese message', async () => {
    const w = await watchedPage(web.browser, { width: 1366, height: 900 });
    const { page } = w;
    const admin = await web.t.signIn('admin.zjj');
    const stored = async () => (await web.t.http.get('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' })).body as { promisedDays: number; materials: Array<{ name: string; pendingAllowed: boolean }> };
    expect((await stored()).promisedDays).to.equal(3);
    expect((await stored()).materials[0].pendingAllowed).to.equal(false);

    await signIn(page, web.t.baseUrl, 'admin.zjj', '/admin/matters');
    await waitForText(page, '#matter-list', '建筑工程施工许可证核发');
    // only the own department's matters carry an edit button
    expect(await page.$$eval('[data-edit]', (b) => b.map((x) => x.getAttribute('data-edit')))).to.include('zjj_sgxk');
    await page.click('[data-edit=zjj_sgxk]');
    await waitForText(page, '#matter-edit', '建筑工程施工许可证核发');
    expect(await textOf(page, '#legal-limit')).to.contain('7');
    await fill(page, '#promised-days', '5');
    await page.keyboard.press('Tab');
    await page.click('[data-material="0"] .m-pending');
    await page.waitForSelector('[data-material="0"] .m-pending input:checked');
    await new Promise((resolve) => setTimeout(resolve, 400)); // the checkbox's 0.25 s transition, for the picture
    await screenshot(page, 'admin-matter-edit');
    await assertAccessible(page, 'matter-edit');
    await page.click('#matter-save');
    await waitForText(page, '#matter-saved', '已保存');
    expect((await stored()).promisedDays).to.equal(5);
    expect((await stored()).materials[0].pendingAllowed).to.equal(true);

    // a reload shows what was saved
    await page.reload({ waitUntil: 'networkidle0' });
    await waitForText(page, '#matter-list', '建筑工程施工许可证核发');
    await page.click('[data-edit=zjj_sgxk]');
    await page.waitForSelector('#matter-edit');
    expect(await page.$eval('#promised-days', (i) => (i as HTMLInputElement).value)).to.equal('5');
    expect(await page.$eval('[data-material="0"] .m-pending input', (i) => (i as HTMLInputElement).checked)).to.equal(true);

    // 9 working days against a 7-day legal limit: the server's own rule refuses it, in Chinese
    await fill(page, '#promised-days', '9');
    await page.keyboard.press('Tab');
    await page.click('#matter-save');
    await waitForText(page, '#matter-edit', '承诺时限不得超过法定时限');
    expect((await stored()).promisedDays).to.equal(5);
    // …the very message the server gives when the browser is bypassed
    const current = await stored();
    const refused = await web.t.http.put('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' }).send({ ...current, promisedDays: 9 });
    expect(refused.status).to.equal(400);
    expect(JSON.stringify(refused.body.fields)).to.contain('承诺时限不得超过法定时限');
    expect((await stored()).promisedDays).to.equal(5);
    w.assertClean();
    await page.close();
  });

  it('lets a department admin create an approver of the own department, change roles and deactivate; ruling roles are not offered', async () => {
    const w = await watchedPage(web.browser, { width: 1366, height: 900 });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'admin.zjj', '/admin/users');
    await waitForText(page, '#user-list', '住建局审批 张强');
    const offered = await page.$$eval('[data-role]', (c) => c.map((x) => x.getAttribute('data-role')));
    expect(offered).to.deep.equal(['approver', 'processDesigner']);
    await fill(page, '#new-username', 'approver.zjj7');
    await fill(page, '#new-display-name', '住建局审批 王五');
    await fill(page, '#new-password', 'Long-enough-2026!');
    await page.click('[data-role=approver]');
    await page.click('#user-create');
    await waitForText(page, '#user-done', '已创建用户');
    await waitForText(page, '#user-list', 'approver.zjj7');
    expect(await textOf(page, '#user-list')).to.contain('住建局审批 王五');
    await assertAccessible(page, 'users-edit');
    await screenshot(page, 'admin-users');
    // the new account signs in, in the own department
    const signedIn = await web.t.http.post('/api/auth/sign-in').send({ username: 'approver.zjj7', password: 'Long-enough-2026!' });
    const me = (await web.t.http.get('/api/users?pageSize=200').auth(await web.t.signIn('admin.zjj'), { type: 'bearer' })).body.items.find((u: { username: string }) => u.username === 'approver.zjj7');
    expect(signedIn.status).to.equal(200);
    expect(me).to.include({ departmentCode: 'zjj', active: true });

    await page.click('[data-toggle="approver.zjj7"]');
    await waitForText(page, '#user-done', '已更新');
    const after = (await web.t.http.get('/api/users?pageSize=200').auth(await web.t.signIn('admin.zjj'), { type: 'bearer' })).body.items.find((u: { username: string }) => u.username === 'approver.zjj7');
    expect(after.active).to.equal(false);
    w.assertClean();
    await page.close();
  });
});

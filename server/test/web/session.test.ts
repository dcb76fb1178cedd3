import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

describe('web: signing in and out, session expiry, and menus by the CASL rules', function () {
  this.timeout(180_000);
  const web = hallInBrowser('web_session');

  it('says so in Chinese when the password is wrong', async () => {
    const w = await watchedPage(web.browser, { allow: [/^401 POST .*\/api\/auth\/sign-in$/, /status of 401/] });
    await w.page.goto(`${web.t.baseUrl}/sign-in`, { waitUntil: 'networkidle0' });
    await assertAccessible(w.page, 'sign-in');
    await fill(w.page, '#username', 'clerk');
    await fill(w.page, '#password', 'wrong-password');
    await w.page.keyboard.press('Enter');
    await waitForText(w.page, '#sign-in-error', '用户名或密码错误');
    await screenshot(w.page, 'sign-in-error');
    w.assertClean();
    await w.page.close();
  });

  it('shows a window clerk only the clerk’s pages, and closes an admin page typed into the address bar', async () => {
    const w = await watchedPage(web.browser);
    await signIn(w.page, web.t.baseUrl, 'clerk');
    const menu = await w.page.$$eval('[data-menu]', (links) => links.map((a) => a.getAttribute('data-menu')));
    expect(menu).to.have.members(['/desk', '/bundles/desk', '/cases']); // 综合受理, 一件事受理, 办件查询
    await w.page.goto(`${web.t.baseUrl}/admin/delegations`, { waitUntil: 'networkidle0' });
    await waitForText(w.page, '.el-result', '无权访问');
    expect(await w.page.$('[data-menu="/admin/delegations"]')).to.equal(null);
    await assertAccessible(w.page, 'forbidden page');
    // The server refuses what the page hides
    const token = await w.page.evaluate(() => JSON.parse(sessionStorage.getItem('onewindow.session')!).accessToken as string);
    const forced = await web.t.http.post('/api/delegations').auth(token, { type: 'bearer' })
      .send({ granteeId: '0123456789abcdef01234567', departmentCode: 'zjj', powers: ['useSeal'], scope: { allMatters: true }, validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(forced.status).to.equal(403);
    w.assertClean();
    await w.page.close();
  });

  it('shows a department admin the admin pages and a system admin the calendar', async () => {
    const w = await watchedPage(web.browser);
    await signIn(w.page, web.t.baseUrl, 'admin.zjj');
    expect(await w.page.$$eval('[data-menu]', (links) => links.map((a) => a.getAttribute('data-menu')))).to.include.members(['/admin/matters', '/admin/delegations', '/admin/users']);
    await w.page.click('#sign-out');
    await w.page.waitForSelector('#sign-in');
    await signIn(w.page, web.t.baseUrl, 'sysadmin');
    const menu = await w.page.$$eval('[data-menu]', (links) => links.map((a) => a.getAttribute('data-menu')));
    expect(menu).to.include.members(['/admin/calendar', '/admin/users']).and.not.include('/desk');
    w.assertClean();
    await w.page.close();
  });

  it('keeps a half-filled application through an expired session: sign in again in place, and it goes through', async () => {
    const w = await watchedPage(web.browser, { allow: [/^401 (POST|GET) .*\/api\//, /status of 401/] });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'clerk', '/desk');
    await page.type('#matter-search', 'shttcldj');
    await waitForText(page, '#matter-results li:first-child', '社会团体成立登记');
    await page.keyboard.press('Enter');
    await fill(page, '#applicant-name', '中卫市书法家协会筹备组');
    await fill(page, '#applicant-id', '640502198807150014');

    // The session ends (signed out elsewhere): the access token is refused and the refresh token too.
    const refreshToken = await page.evaluate(() => JSON.parse(sessionStorage.getItem('onewindow.session')!).refreshToken as string);
    expect((await web.t.http.post('/api/auth/sign-out').send({ refreshToken })).status).to.equal(200);

    await fill(page, '#contact-name', '马建国');
    await fill(page, '#contact-phone', '13912342866');
    await page.click('#receive-all');
    await page.click('[data-outcome=accept]');
    await page.click('#submit-case');
    await page.waitForSelector('#reauth-password', { visible: true });
    await screenshot(page, 'session-expired');
    await assertAccessible(page, 're-sign-in dialog');
    await page.type('#reauth-password', DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#receipt #case-number', { timeout: 60_000 });
    const caseNumber = await textOf(page, '#case-number');
    const token = await web.t.signIn('clerk');
    const saved = await web.t.http.get(`/api/cases/${caseNumber}`).auth(token, { type: 'bearer' });
    expect(saved.body.applicant.name).to.equal('中卫市书法家协会筹备组');
    w.assertClean();
    await page.close();
  });
});

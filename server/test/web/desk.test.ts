import { expect } from 'chai';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

/**
 * 综合受理 in a real browser: the window clerk's morning, against the real server, database, engine
 * and Chromium-rendered notices.
 */
describe('web: the front desk (综合受理) in Chromium', function () {
  this.timeout(180_000);
  const web = hallInBrowser('web_desk');

  const caseCount = async () => {
    const token = await web.t.signIn('clerk');
    return (await web.t.http.get('/api/cases').auth(token, { type: 'bearer' })).body.total as number;
  };

  it('finds a matter by pinyin initials, catches a wrong ID check character, and accepts with 容缺 — the sealed PDF opens', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'clerk', '/desk');
    await page.waitForSelector('#matter-search');
    await assertAccessible(page, 'desk (empty)');

    // 拼音首字母: jzgcsgxk → 建筑工程施工许可证核发
    await page.type('#matter-search', 'jzgcsgxk');
    await waitForText(page, '#matter-results li:first-child', '建筑工程施工许可证核发');
    await page.keyboard.press('Enter');
    await waitForText(page, '#chosen-matter', '建筑工程施工许可证核发');
    expect(await textOf(page, '#outcomes')).to.contain('没有可容缺的缺件');

    // A matter whose secondary material may be pending (娱乐场所经营许可)
    await fill(page, '#matter-search', 'ylcsjyxk');
    await waitForText(page, '#matter-results li:first-child', '娱乐场所经营许可');
    await page.click('#matter-results li:first-child');
    await waitForText(page, '#chosen-matter', '娱乐场所经营许可');
    await assertAccessible(page, 'desk (matter chosen)');

    await fill(page, '#applicant-name', '马建国');
    await fill(page, '#applicant-id', '640502198807150015');
    await waitForText(page, '.el-form-item__error', '身份证号码无效（校验位不符）');
    await fill(page, '#applicant-id', '640502198807150014');
    await page.waitForSelector('[data-check=ok]');
    await fill(page, '#contact-name', '马建国');
    await fill(page, '#contact-phone', '13912342866');

    // Tick every material but the one that may be pending
    const pendable = await page.$$eval('tr[data-material]', (rows) => rows.filter((r) => r.textContent!.includes('可容缺')).map((r) => r.getAttribute('data-material')!));
    expect(pendable).to.have.length(1);
    await page.click('#receive-all');
    await page.click(`tr[data-material="${pendable[0]}"] .el-checkbox`);
    expect(await page.$eval('[data-outcome=accept]', (el) => el.closest('label')!.classList.contains('is-disabled'))).to.equal(true);
    await page.click('[data-outcome=acceptWithPendingMaterials]');
    await screenshot(page, 'desk-pending');

    const before = await caseCount();
    // A double click: one case
    await page.click('#submit-case', { count: 2 });
    await page.waitForSelector('#receipt #case-number', { timeout: 60_000 });
    const caseNumber = await textOf(page, '#case-number');
    expect(caseNumber).to.match(/^ZW\d{8}-\d{4,6}$/);
    expect(await textOf(page, '#receipt')).to.contain('容缺材料').and.contain('2866');
    await page.waitForSelector('iframe[data-pdf=loaded]');
    const pdfHead = await page.$eval('iframe[data-pdf=loaded]', async (frame) => {
      const blob = await (await fetch((frame as HTMLIFrameElement).src)).blob();
      return `${blob.type} ${(await blob.slice(0, 5).text())}`;
    });
    expect(pdfHead).to.equal('application/pdf %PDF-');
    expect(await textOf(page, '#receipt')).to.contain('容缺受理通知书');
    await screenshot(page, 'desk-receipt');
    await assertAccessible(page, 'desk receipt');
    expect(await caseCount()).to.equal(before + 1);
    w.assertClean();
    await page.close();
  });

  it('checks the form with the server’s own schema, and shows the server’s Chinese problem message when it refuses — changing nothing', async () => {
    const w = await watchedPage(web.browser, { allow: [/^400 POST .*\/api\/cases$/, /status of 400/] });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'clerk', '/desk');
    await page.type('#matter-search', 'jzgcsgxk');
    await waitForText(page, '#matter-results li:first-child', '建筑工程施工许可证核发');
    await page.keyboard.press('Enter');
    await page.click('#receive-all');
    await page.click('[data-outcome=refuse]');
    await page.click('#submit-case');
    await waitForText(page, '#form-errors', '身份证号码');
    expect(await textOf(page, '#form-errors')).to.contain('申请人名称').and.contain('联系电话');
    await assertAccessible(page, 'desk with field errors');

    await fill(page, '#applicant-name', '马建国');
    await fill(page, '#applicant-id', '640502198807150014');
    await fill(page, '#contact-name', '马建国');
    await fill(page, '#contact-phone', '13912342866');
    await page.click('[data-outcome=accept]');

    // Meanwhile the department admin renames a material of the matter: the server refuses the old list.
    const admin = await web.t.signIn('admin.zjj');
    const { body: matter } = await web.t.http.get('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' });
    delete matter.updatedAt; delete matter.createdAt; delete matter.version;
    matter.materials[0].name = `${matter.materials[0].name}（新版）`;
    const put = await web.t.http.put('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' }).send(matter);
    expect(put.status, put.text).to.equal(200);

    const before = await caseCount();
    await page.click('#submit-case');
    await waitForText(page, '#problem', '请求数据有误');
    expect(await textOf(page, '#problem')).to.contain('not a material of this matter');
    expect(await caseCount()).to.equal(before);
    await screenshot(page, 'desk-problem');
    w.assertClean();
    await page.close();
  });
});

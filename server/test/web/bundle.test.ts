import { expect } from 'chai';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

describe('web: 一件事一次办 — the desk receives a bundle once, the citizen follows it on a phone', function () {
  this.timeout(240_000);
  const web = hallInBrowser('web_bundle');
  let bundleNumber = '';

  it('receives 开办餐饮店 with one applicant entry, one merged checklist and one outcome, creating a case per member', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'clerk', '/bundles/desk');
    await page.waitForSelector('#bundle-choose', { visible: true });
    await page.click('#bundle-choose');
    // the four seeded bundles, 个体工商户开业 among them (led by the city 市场监管局 over its district bureau)
    await page.waitForSelector('li.el-select-dropdown__item', { visible: true });
    const offered = await page.$$eval('li.el-select-dropdown__item', (items) => items.map((li) => (li as HTMLElement).innerText.trim()));
    expect(offered).to.include.members(['开办餐饮店', '新建住宅项目开工', '企业开办', '个体工商户开业']);
    await page.locator('li.el-select-dropdown__item ::-p-text(开办餐饮店)').click();
    await waitForText(page, '#bundle-summary', '食品经营许可');
    await fill(page, '#bundle-applicant-name', '中卫市沙坡头区云杉餐饮有限公司');
    await fill(page, '#bundle-applicant-code', '1164050064050037XR');
    await fill(page, '#bundle-contact-name', '马文静');
    await fill(page, '#bundle-contact-phone', '13995012866');
    await fill(page, '#bundle-form-premises', '中卫市沙坡头区文昌南街 18 号');
    await fill(page, '#bundle-form-businessScope', '热食类食品制售');
    await fill(page, '#bundle-form-diningArea', '120');
    // the merged list asks 营业执照 once, though two members need it
    const materials = await textOf(page, '#bundle-materials');
    expect(materials.match(/营业执照/g)).to.have.length(1);
    expect(materials).to.contain('2 项事项共用');
    for (const box of await page.$$('#bundle-materials .el-checkbox')) await box.click();
    await assertAccessible(page, 'bundle desk (filled)');
    await screenshot(page, 'bundle-desk-checklist');
    await page.click('#bundle-submit');
    await waitForText(page, '#bundle-result', '已受理一件事', 60_000);
    bundleNumber = (await textOf(page, '#bundle-number')).trim();
    expect(bundleNumber).to.match(/^YJ\d{8}-\d{4}$/);
    const rows = await page.$$eval('#bundle-result .el-table__body tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
    expect(rows).to.have.length(4);
    expect(rows.every((r) => /ZW\d{8}-\d{4}/.test(r)), rows.join('\n')).to.equal(true);
    await page.mouse.move(0, 0); // the pointer left on the button paints its paler hover colour
    await assertAccessible(page, 'bundle desk (received)');
    await page.$eval('#bundle-result', (el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'bundle-desk-received');
    w.assertClean();
    await page.close();
  });

  it('shows the bundle and each member on the public progress page at 390 px', async () => {
    const w = await watchedPage(web.browser, { width: 390, allow: [/^404 GET .*\/progress\?phoneLast4=0000$/, /status of 404/] });
    const { page } = w;
    await page.goto(`${web.t.baseUrl}/progress/bundle`, { waitUntil: 'networkidle0' });
    await fill(page, '#bundle-number-input', bundleNumber);
    await fill(page, '#bundle-phone-last4', '0000');
    await page.keyboard.press('Enter');
    await waitForText(page, '#bundle-progress-error', '未找到');
    await fill(page, '#bundle-phone-last4', '2866');
    await page.keyboard.press('Enter');
    await waitForText(page, '#bundle-stage', '办理中');
    const shown = await textOf(page, '#bundle-progress-result');
    expect(shown).to.contain('开办餐饮店').and.contain('公司设立登记').and.contain('食品经营许可').and.contain('公章刻制备案').and.contain('发票领用');
    expect(shown).to.not.contain('云杉餐饮有限公司');
    expect(await page.$$('.ow-member')).to.have.length(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await assertAccessible(page, 'bundle progress (found)');
    await screenshot(page, 'bundle-progress-390');
    w.assertClean();
    await page.close();
  });
});

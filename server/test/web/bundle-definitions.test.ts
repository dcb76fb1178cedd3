import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { actorOf, approverWithPowers, eventually } from '../e2e/steps.ts';
import { decide } from '../support/bundles/fixtures.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

/**
 * 一件事 from its proposal to its hand-over, in the pages: the lead department's admin proposes (a
 * member it may not bundle is refused as the server says), the system admin publishes, a clerk
 * receives it, its members are decided (through the API), and the 出件 page hands every
 * certificate over together and opens the one 送达回证 PDF.
 */
describe('web: 一件事定义 — proposed, published, received, handed over together', function () {
  this.timeout(300_000);
  const web = hallInBrowser('web_bundle_definitions');
  let bundleNumber = '';

  async function toggleMember(page: Page, label: string) {
    await page.click('#proposal-members');
    await page.locator(`li.el-select-dropdown__item ::-p-text(${label})`).click();
    await page.keyboard.press('Escape');
  }

  it('lets the lead department\'s admin propose, showing the merged list and the refusal of another department\'s matter', async () => {
    await approverWithPowers(web.t, 'scj', ['reviewAndReport', 'decide', 'useSeal']);
    const w = await watchedPage(web.browser, { allow: [/^403 POST .*\/api\/bundles\/definitions$/, /status of 403/] });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'admin.scj', '/bundles/definitions');
    await page.waitForSelector('#bundle-proposal', { visible: true });
    await waitForText(page, '#proposal-lead', '中卫市市场监督管理局');
    // a proposer sees no publish button
    expect(await page.$$('[data-publish]')).to.have.length(0);
    await fill(page, '#proposal-code', 'food-shop');
    await fill(page, '#proposal-name-zh', '开办小餐馆');
    await fill(page, '#proposal-name-en', 'Open a small eatery');
    for (const label of ['食品经营许可（scj_sp）', '公共场所卫生许可（wjw_ggcs）', '建筑工程施工许可证核发（zjj_sgxk）']) await toggleMember(page, label);
    await waitForText(page, '#proposal-merged', '食品经营许可申请书');
    await fill(page, '#proposal-days', '8');
    await page.click('#proposal-submit');
    await waitForText(page, '#proposal-error', '建筑工程施工许可证核发');
    await assertAccessible(page, 'bundle proposal (refused)');
    await screenshot(page, 'bundle-proposal-refused');

    await toggleMember(page, '建筑工程施工许可证核发（zjj_sgxk）');
    await toggleMember(page, '增值税专用发票（增值税税控系统）最高开票限额审批（tax_xe）');
    await waitForText(page, '#proposal-range', '5–11');
    await page.click('#proposal-submit');
    await waitForText(page, '#bundle-def-notice', '已申报');
    await waitForText(page, '#bundle-def-list', '待发布');
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'bundle proposal (proposed)');
    await screenshot(page, 'bundle-proposal-1366');
    await page.setViewport({ width: 390, height: 844 }); // isMobile would reload the page
    await screenshot(page, 'bundle-proposal-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    w.assertClean();
    await page.close();
  });

  it('lets the system admin publish the proposal, and nothing else', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'sysadmin', '/bundles/review');
    await page.waitForSelector('[data-publish="food-shop"]', { visible: true });
    expect(await page.$('#bundle-proposal')).to.equal(null);
    await page.click('[data-publish="food-shop"]');
    await waitForText(page, '#bundle-def-notice', '已发布');
    await page.waitForFunction(() => !document.querySelector('[data-publish]'));
    await waitForText(page, '#bundle-def-list', '已发布');
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'bundle review (published)');
    await screenshot(page, 'bundle-review-published');
    w.assertClean();
    await page.close();
  });

  it('is received by a clerk, decided member by member, and handed over together at the 出件 page with one 送达回证 PDF', async () => {
    const clerk = actorOf(web.t, await web.t.signIn('clerk'));
    const definition = (await clerk.get('/api/bundles/definitions/food-shop')).body as { materials: Array<{ name: string }> };
    const received = await clerk.post('/api/bundles', {
      definitionCode: 'food-shop', applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉餐饮有限公司', uscc: '1164050064050037XR' }, contact: { name: '马文静', phone: '13995012866' },
      materials: definition.materials.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'accept' },
    });
    expect(received.status, received.text).to.equal(201);
    bundleNumber = received.body.bundleNumber;
    const [food, hygiene, tax] = (received.body.members as Array<{ caseNumber: string }>).map((m) => m.caseNumber);
    await decide(actorOf(web.t, await web.t.signIn('approver.scj')), food, 'grant');
    await decide(await approverWithPowers(web.t, 'wjw', ['reviewAndReport', 'decide', 'useSeal']), hygiene, 'grant');
    await decide(await approverWithPowers(web.t, 'tax', ['reviewAndReport', 'decide', 'useSeal']), tax, 'grant');
    await eventually(async () => ((await clerk.get(`/api/bundles/${bundleNumber}`)).body.stage === 'issuing' ? true : undefined), 'the bundle to wait for its hand-over');

    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'issuer', '/issuing');
    await page.waitForSelector(`[data-bundle="${bundleNumber}"]`, { visible: true, timeout: 30_000 });
    // its members are not offered one by one
    for (const caseNumber of [food, hygiene, tax]) expect(await page.$(`[data-case="${caseNumber}"]`)).to.equal(null);
    await page.click(`[data-bundle="${bundleNumber}"]`);
    await waitForText(page, '#bundle-members', '公共场所卫生许可');
    expect(await page.$$('#bundle-members [data-certificate]')).to.have.length(3);
    await fill(page, '#bundle-collector-id', '640502198506210036');
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'bundle hand-over (ready)');
    await screenshot(page, 'bundle-hand-over-ready');
    await page.click('#bundle-hand-over-submit');
    await waitForText(page, '#bundle-handed', '送达回证', 60_000);
    await page.waitForSelector('#bundle-hand-over iframe[data-pdf="loaded"]', { visible: true, timeout: 30_000 });
    expect(await textOf(page, '#bundle-hand-over .ow-doc')).to.contain('送达回证');
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'bundle hand-over (served)');
    await screenshot(page, 'bundle-hand-over-1366');
    await page.setViewport({ width: 390, height: 844 }); // isMobile would reload the page
    await page.$eval('#bundle-hand-over', (el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'bundle-hand-over-390');
    w.assertClean();
    await page.close();
  });
});

import { expect } from 'chai';
import { eventually, permitReadyForPickup } from '../e2e/steps.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

describe('web: the issuing window (出件) in Chromium', function () {
  this.timeout(240_000);
  const web = hallInBrowser('web_issuing');

  it('lists the permit with its issuing deadline, and hands it over by post with a tracking number and a 送达回证', async () => {
    const caseNumber = await permitReadyForPickup(web.t);
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'issuer', '/issuing');
    await waitForText(page, '#ready-list', caseNumber);
    expect(await textOf(page, '#ready-list')).to.match(/剩 \d+ 个工作日/);
    await page.click(`[data-case="${caseNumber}"]`);
    await page.waitForSelector('#hand-over iframe[data-pdf=loaded]', { timeout: 30_000 });
    await assertAccessible(page, 'issuing');
    // 电子送达 asks for the address the applicant consented to before anything is sent
    await page.click('[data-method=electronic]');
    await page.waitForSelector('#electronic-address');
    await page.click('#hand-over-submit');
    await waitForText(page, '#hand-over .el-form-item__error', 'consented to');
    await page.click('[data-method=post]');
    await fill(page, '#recipient-name', '马文静');
    await page.click('#hand-over-submit');
    await waitForText(page, '#hand-over .el-form-item__error', 'tracking number');
    await fill(page, '#tracking-number', 'EMS1234567890');
    await page.click('#hand-over-submit');
    await waitForText(page, '#hand-over', '送达回证', 30_000);
    await waitForText(page, '#service-receipt', 'EMS1234567890');
    expect(await textOf(page, '#service-receipt')).to.contain('邮寄送达').and.contain('马文静').and.contain('受送达人签名').and.contain('出证窗口 李娜');
    await screenshot(page, 'issuing-served');
    await assertAccessible(page, 'issuing 送达回证');

    const director = await web.t.signIn('director');
    const closed = await eventually(async () => {
      const res = await web.t.http.get(`/api/cases/${caseNumber}`).auth(director, { type: 'bearer' });
      return res.body.status === 'completed' ? res.body : undefined;
    }, 'the case to close after the hand-over');
    expect(JSON.stringify(closed.timeline)).to.contain('EMS1234567890');

    // 办件详情: the closed case with its documents in the page and its timeline in working days
    await page.goto(`${web.t.baseUrl}/cases/${caseNumber}`, { waitUntil: 'networkidle0' });
    await waitForText(page, '.ow-title', '已办结');
    expect(await textOf(page, '.ow-page')).to.contain('中卫市沙坡头区云杉建设有限公司').and.contain('受理通知书').and.contain('证照').and.contain('第 0 个工作日');
    await page.waitForSelector('iframe[data-pdf=loaded]');
    await assertAccessible(page, 'case page');
    await screenshot(page, 'case-page');
    w.assertClean();
    await page.close();
  });

  it('serves a permit electronically (电子送达) and prints the consented address on the 送达回证', async () => {
    const caseNumber = await permitReadyForPickup(web.t);
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'issuer', '/issuing');
    await waitForText(page, '#ready-list', caseNumber);
    await page.click(`[data-case="${caseNumber}"]`);
    await page.waitForSelector('#hand-over-submit');
    await page.click('[data-method=electronic]');
    await fill(page, '#recipient-name', '马文静');
    await fill(page, '#electronic-address', 'mawenjing@yunshan-jianshe.cn');
    await page.click('#hand-over-submit');
    await waitForText(page, '#service-receipt', 'mawenjing@yunshan-jianshe.cn', 30_000);
    expect(await textOf(page, '#service-receipt')).to.contain('电子送达').and.contain('受送达人确认的电子地址').and.contain('马文静');
    await assertAccessible(page, 'issuing 电子送达回证');
    w.assertClean();
    await page.close();
  });
});

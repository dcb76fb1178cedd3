import { expect } from 'chai';
import { caseOf } from '../support/analytics/history.ts';
import { caseModel } from '../../src/intake/index.ts';
import { ratingModel } from '../../src/ratings/index.ts';
import { permitReadyForPickup } from '../e2e/steps.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, waitForText, watchedPage } from './browser.ts';

describe('web: 好差评 on a phone (390 px) and at the window\'s device', function () {
  this.timeout(240_000);
  const web = hallInBrowser('web_rating');
  let caseNumber: string;
  before(async () => { caseNumber = await permitReadyForPickup(web.t); });

  it('lets a citizen rate a case with its number and phone, refusing a wrong phone first', async () => {
    const w = await watchedPage(web.browser, { width: 390, allow: [/^404 POST .*\/api\/public\/ratings$/, /status of 404/] });
    const { page } = w;
    await page.goto(`${web.t.baseUrl}/rate?case=${caseNumber}`, { waitUntil: 'networkidle0' });
    await assertAccessible(page, 'rate (empty)');
    await fill(page, '#rating-phone', '13900000000');
    await page.click('[data-level="satisfied"]');
    await page.click('#rating-submit');
    await waitForText(page, '#rating-error', '办件编号或手机号不正确');
    await fill(page, '#rating-phone', '13995012866');
    await page.click('[data-level="verySatisfied"]');
    await fill(page, '#rating-comment', '窗口服务热情，一次办好');
    await screenshot(page, 'rating-public-390');
    await page.click('#rating-submit');
    await waitForText(page, '#rating-done', '感谢您的评价');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await assertAccessible(page, 'rate (done)');
    const saved = await ratingModel(web.t.hall.services.intake!.cases.db).findById(`case:${caseNumber}`).lean();
    expect(saved).to.include({ level: 'verySatisfied', channel: 'online', comment: '窗口服务热情，一次办好', bad: false });
    w.assertClean();
    await page.close();
  });

  it('takes a rating at window C01\'s device with one tap, signed in as its clerk', async () => {
    await caseModel(web.t.hall.services.intake!.cases.db).create({ ...caseOf('A'), caseNumber: 'ZW-KIOSK-1' });
    const w = await watchedPage(web.browser, { width: 390 });
    const { page } = w;
    await page.goto(`${web.t.baseUrl}/sign-in?next=${encodeURIComponent('/rating-kiosk/C01')}`, { waitUntil: 'networkidle0' });
    await fill(page, '#username', 'clerk');
    await fill(page, '#password', 'Demo-2026-onewindow');
    await Promise.all([page.waitForSelector('#kiosk-case', { visible: true }), page.keyboard.press('Enter')]);
    await fill(page, '#kiosk-case', 'ZW-KIOSK-1');
    await screenshot(page, 'rating-kiosk-390');
    await assertAccessible(page, 'kiosk');
    await page.click('[data-level="satisfied"]');
    await waitForText(page, '#kiosk-done', '感谢您的评价');
    const saved = await ratingModel(web.t.hall.services.intake!.cases.db).findById('case:ZW-KIOSK-1').lean();
    expect(saved).to.include({ level: 'satisfied', channel: 'window', windowNumber: 'C01' });
    w.assertClean();
    await page.close();
  });
});

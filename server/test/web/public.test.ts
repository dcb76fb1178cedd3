import { expect } from 'chai';
import { actorOf, receiveAccepted } from '../e2e/steps.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, textOf, waitForText, watchedPage } from './browser.ts';

describe('web: the public pages on a phone (390 px), without sign-in', function () {
  this.timeout(180_000);
  const web = hallInBrowser('web_public');
  let caseNumber: string;
  let receiptCode: string;
  let firstStep: string;
  before(async () => {
    const clerk = actorOf(web.t, await web.t.signIn('clerk'));
    caseNumber = (await receiveAccepted(clerk, 'mzj_st', { kind: 'person', name: '马建国', idNumber: '640502198807150014' }, { name: '马建国', phone: '13912342866' })).caseNumber;
    const saved = await clerk.get(`/api/cases/${caseNumber}`);
    receiptCode = saved.body.documents.find((d: { kind: string }) => d.kind === 'acceptance').verificationCode;
    for (let tries = 0; !firstStep && tries < 100; tries++) {
      firstStep = (await clerk.get(`/api/cases/${caseNumber}`)).body.currentStep?.name;
      if (!firstStep) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(firstStep, 'the case reached its first step').to.be.a('string');
  });

  it('lets a citizen check progress with the case number and the last four phone digits', async () => {
    const w = await watchedPage(web.browser, { width: 390, allow: [/^404 GET .*\/progress\?phoneLast4=0000$/, /status of 404/] });
    const { page } = w;
    await page.goto(`${web.t.baseUrl}/progress`, { waitUntil: 'networkidle0' });
    await assertAccessible(page, 'progress (empty)');
    await fill(page, '#case-number', caseNumber);
    await fill(page, '#phone-last4', '0000');
    await page.keyboard.press('Enter');
    await waitForText(page, '#progress-error', '未找到办件');
    await fill(page, '#phone-last4', '2866');
    await page.keyboard.press('Enter');
    await waitForText(page, '#progress-status', '已受理');
    const shown = await textOf(page, '#progress-result');
    expect(shown).to.contain('社会团体成立登记').and.contain('马*').and.contain('受理').and.not.contain('马建国');
    expect(shown, 'the timeline names the step, not just 办理中').to.contain(`办理中：${firstStep}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await assertAccessible(page, 'progress (found)');
    await screenshot(page, 'public-progress-390');
    w.assertClean();
    await page.close();
  });

  it('verifies a notice by the code printed on it, and says when a code is unknown', async () => {
    const w = await watchedPage(web.browser, { width: 390 });
    const { page } = w;
    await page.goto(`${web.t.baseUrl}/verify/${receiptCode}`, { waitUntil: 'networkidle0' });
    await waitForText(page, '#verify-result', '受理通知书');
    expect(await textOf(page, '#verify-result')).to.contain('真实有效');
    await assertAccessible(page, 'verify (genuine)');
    await page.goto(`${web.t.baseUrl}/verify/ZZZZZZZZZZ`, { waitUntil: 'networkidle0' });
    await waitForText(page, '#verify-result', '查无此证');
    await screenshot(page, 'public-verify-390');
    w.assertClean();
    await page.close();
  });
});

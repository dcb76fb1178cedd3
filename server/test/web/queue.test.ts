import { expect } from 'chai';
import { actorOf, receiveAccepted } from '../e2e/steps.ts';
import { assertAccessible, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

// The hall's clock set to a working morning (Tuesday 1 December 2026, 10:00 in Zhongwei), running on
// from there: the kiosk takes numbers only in opening hours, and CI may run at any hour.
const offset = new Date('2026-12-01T10:00:00+08:00').getTime() - Date.now();

describe('web: take a number, be called, see it on the hall display (取号、叫号、大屏)', function () {
  this.timeout(240_000);
  const web = hallInBrowser('web_queue', { clock: () => new Date(Date.now() + offset) });

  it('a citizen takes a number on a 390 px page; the clerk calls it at C01; the display shows it; finishing binds the case received', async () => {
    const citizen = await watchedPage(web.browser, { width: 390 });
    await citizen.page.goto(`${web.t.baseUrl}/queue`, { waitUntil: 'networkidle0' });
    await citizen.page.waitForSelector('[data-queue=comprehensive]:not([disabled])');
    expect(await textOf(citizen.page, '[data-queue=comprehensive]')).to.contain('综合受理').and.contain('等候 0 人');
    await assertAccessible(citizen.page, 'kiosk');
    await screenshot(citizen.page, 'queue-kiosk-390');
    await citizen.page.click('[data-queue=comprehensive]');
    await waitForText(citizen.page, '#ticket-number', 'A001');
    expect(await textOf(citizen.page, '#ticket-ahead')).to.contain('您前面还有 0 人');
    expect(await citizen.page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await assertAccessible(citizen.page, 'ticket');
    await screenshot(citizen.page, 'queue-ticket-390');

    const display = await watchedPage(web.browser, { width: 1280, height: 720 });
    await display.page.goto(`${web.t.baseUrl}/display`, { waitUntil: 'networkidle0' });
    await waitForText(display.page, '#display-calls', '当前无人等候');
    await waitForText(display.page, '#display-queues', '综合受理 1');

    const clerk = await watchedPage(web.browser, { width: 1366, height: 900 });
    await signIn(clerk.page, web.t.baseUrl, 'clerk', '/desk');
    await clerk.page.waitForSelector('#calling-panel #call-next');
    await waitForText(clerk.page, '#calling-panel', '等候 1 人');
    await clerk.page.keyboard.press('F2');
    await waitForText(clerk.page, '#current-ticket', 'A001');
    await display.page.bringToFront(); // a page in the background gets no animation frames: waitForText would never look
    await waitForText(display.page, '#display-calls [data-number=A001]', 'C01');
    await clerk.page.bringToFront();
    await assertAccessible(clerk.page, 'desk with the calling panel');
    await screenshot(clerk.page, 'queue-calling-panel');
    await assertAccessible(display.page, 'display');
    await screenshot(display.page, 'queue-display');

    const caseNumber = (await receiveAccepted(actorOf(web.t, await web.t.signIn('clerk')), 'mzj_st', { kind: 'person', name: '马建国', idNumber: '640502198807150014' }, { name: '马建国', phone: '13912342866' })).caseNumber;
    await clerk.page.bringToFront();
    await clerk.page.type('#bind-case', caseNumber);
    await clerk.page.click('#finish');
    await waitForText(clerk.page, '#current-ticket', '未叫号');
    const figures = await web.t.http.get('/api/queue/figures').auth(await web.t.signIn('director'), { type: 'bearer' });
    expect(figures.body.hall).to.include({ tickets: 1, served: 1, boundToCases: 1 });
    await display.page.bringToFront();
    await waitForText(display.page, '#display-calls', '当前无人等候');

    for (const w of [citizen, display, clerk]) { w.assertClean(); await w.page.close(); }
  });

  it('lays out the kiosk, the display and the calling panel on the desk and issuing pages at 1366×768 and at 390 px', async () => {
    for (const [width, height] of [[1366, 768], [390, 844]]) {
      const pub = await watchedPage(web.browser, { width, height });
      for (const [path, ready, name] of [['/queue', '[data-queue=comprehensive]', 'kiosk'], ['/display', '#display-calls', 'display']]) {
        await pub.page.goto(`${web.t.baseUrl}${path}`, { waitUntil: 'networkidle0' });
        await pub.page.waitForSelector(ready);
        expect(await pub.page.evaluate(() => document.documentElement.scrollWidth), `${name} fits ${width} px`).to.be.at.most(width);
        await assertAccessible(pub.page, `${name} at ${width}`);
        await screenshot(pub.page, `queue-${name}-${width}`);
      }
      pub.assertClean();
      await pub.page.close();
      for (const [user, path] of [['clerk', '/desk'], ['issuer', '/issuing']]) {
        const staff = await watchedPage(web.browser, { width, height });
        await signIn(staff.page, web.t.baseUrl, user, path);
        await staff.page.waitForSelector('#calling-panel #call-next');
        expect(await textOf(staff.page, '#calling-panel')).to.contain('叫号').and.contain('暂停服务');
        await assertAccessible(staff.page, `${path} panel at ${width}`);
        await screenshot(staff.page, `queue-panel-${user}-${width}`);
        staff.assertClean();
        await staff.page.close();
      }
    }
  });

  it('shows no calling panel to an approver, who has no window', async () => {
    const w = await watchedPage(web.browser);
    await signIn(w.page, web.t.baseUrl, 'approver.zjj', '/cases');
    await w.page.waitForSelector('.ow-page');
    expect(await w.page.$('#calling-panel')).to.equal(null);
    w.assertClean();
    await w.page.close();
  });
});

import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { actorOf, eventually } from '../e2e/steps.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, waitForText, watchedPage } from './browser.ts';

/** Clicks the visible Element Plus option (or radio button) whose text is `text`. */
async function choose(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction((s, t) => Array.from(document.querySelectorAll(s)).some((el) => (el as HTMLElement).offsetParent && (el as HTMLElement).innerText.trim() === t), {}, selector, text);
  await page.evaluate((s, t) => {
    const el = Array.from(document.querySelectorAll(s)).find((e) => (e as HTMLElement).offsetParent && (e as HTMLElement).innerText.trim() === t) as HTMLElement;
    el.click();
  }, selector, text);
}

describe('web: the 12345 operator records a call and dispatches it', function () {
  this.timeout(180_000);
  const web = hallInBrowser('web_hotline');

  it('records a complaint from the form, sees it in the list and dispatches it to the housing bureau', async () => {
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'hotline', '/hotline');
    await page.waitForSelector('#hotline-form', { visible: true });
    await fill(page, '#caller-name', '王秀兰');
    await fill(page, '#caller-phone', '13995018888');
    await choose(page, '#category .el-radio-button', '投诉');
    await fill(page, '#order-title', '小区楼道堆放杂物无人清理');
    await fill(page, '#order-content', '沙坡头区应理街阳光小区5号楼楼道长期堆放杂物，存在消防隐患，物业不处理。');
    await fill(page, '#order-location', '沙坡头区应理街阳光小区5号楼');
    await page.keyboard.press('Enter'); // submits the form from its last field, as an operator on the phone does
    await waitForText(page, '#hotline-notice', '已登记工单');
    await waitForText(page, '#hotline-orders', '待派单');
    await assertAccessible(page, 'hotline (recorded)');

    const departments = (await actorOf(web.t, await web.t.signIn('hotline')).get('/api/departments')).body as Array<{ code: string; nameZh: string }> | { items: Array<{ code: string; nameZh: string }> };
    const zjj = (Array.isArray(departments) ? departments : departments.items).find((d) => d.code === 'zjj')!;
    await page.click('#hotline-orders .dispatch');
    await page.waitForSelector('#dispatch-department', { visible: true });
    await page.click('#dispatch-department');
    await choose(page, '.el-select-dropdown__item', zjj.nameZh);
    await screenshot(page, 'hotline-dispatch');
    await page.click('#dispatch-confirm');
    await waitForText(page, '#hotline-orders', '办理中');
    await waitForText(page, '#hotline-orders', zjj.nameZh);
    await screenshot(page, 'hotline-operator');

    const operator = actorOf(web.t, await web.t.signIn('hotline'));
    const [order] = (await operator.get('/api/hotline/orders')).body.items as Array<{ number: string; state: string; departmentCode: string; category: string }>;
    expect(order).to.include({ state: 'handling', departmentCode: 'zjj', category: 'complaint' });
    // it reached the department's board
    const approver = actorOf(web.t, await web.t.signIn('approver.zjj'));
    const onBoard = await eventually(async () => {
      const res = await approver.get('/api/tasks?list=all&pageSize=50');
      return (res.body.items as Array<{ name: string; applicant: string }>).find((i) => i.name === '承办单位办理' && i.applicant === '王秀兰');
    }, 'the order on the housing bureau\'s board');
    expect(onBoard).to.not.equal(undefined);
    w.assertClean();
    await page.close();
  });

  it('lets the department sign for the order on its task page and reply, and the operator call back', async () => {
    const approver = actorOf(web.t, await web.t.signIn('approver.zjj'));
    const task = (await approver.get('/api/tasks?list=all&pageSize=50')).body.items.find((i: { name: string; state: string }) => i.name === '承办单位办理' && i.state === 'open') as { key: string };
    const w = await watchedPage(web.browser);
    const { page } = w;
    await page.bringToFront();
    await signIn(page, web.t.baseUrl, 'approver.zjj', '/board');
    await page.goto(`${web.t.baseUrl}/tasks/${task.key}`, { waitUntil: 'networkidle0' });
    // the work order's own actions, not the approval ones: 签收 first
    await waitForText(page, '#service-step-actions', '签收');
    expect(await page.$('#task-actions')).to.equal(null);
    await page.click('#service-step-actions [data-action="signFor"]');
    await page.waitForSelector('#service-step-actions [data-action="reply"]', { visible: true });
    expect(await page.$$eval('#service-step-actions [data-action]', (els) => els.map((e) => e.getAttribute('data-action')))).to.deep.equal(['reply', 'sendBack', 'extension']);
    await page.click('#service-step-actions [data-action="reply"]');
    await fill(page, '#step-text', '已联系物业，楼道杂物已于今日清理完毕，并约定每周巡查。');
    await screenshot(page, 'hotline-task-reply');
    await assertAccessible(page, 'hotline task page (reply)');
    // at a phone's width the actions and the form stay inside the page
    await page.setViewport({ width: 390, height: 844 });
    await screenshot(page, 'hotline-task-reply-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.setViewport({ width: 1366, height: 768 });
    await page.click('#service-step-form [data-submit]');
    await waitForText(page, '#task-notice', '答复');

    // the operator's call-back step follows on the hotline's board
    const operator = actorOf(web.t, await web.t.signIn('hotline'));
    const callBack = await eventually(async () => ((await operator.get('/api/tasks?list=all&pageSize=50')).body.items as Array<{ key: string; name: string; state: string }>)
      .find((i) => i.state === 'open' && i.name.includes('回访')), 'the call-back step');
    const op = await watchedPage(web.browser);
    await op.page.bringToFront();
    await signIn(op.page, web.t.baseUrl, 'hotline', '/board');
    await op.page.goto(`${web.t.baseUrl}/tasks/${callBack.key}`, { waitUntil: 'networkidle0' });
    await waitForText(op.page, '#service-step-actions', '回访');
    await op.page.click('#service-step-actions [data-action="callBack"]');
    await choose(op.page, '#step-satisfaction .el-radio-button', '满意');
    await op.page.click('#service-step-form [data-submit]');
    await waitForText(op.page, '#task-notice', '回访');
    const [order] = (await operator.get('/api/hotline/orders?state=all')).body.items as Array<{ state: string }>;
    expect(order.state).to.equal('closed');
    w.assertClean();
    op.assertClean();
    await page.close();
    await op.page.close();
  });
});

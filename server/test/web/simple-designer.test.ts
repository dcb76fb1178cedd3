import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import { generateBpmn } from '../../src/processes/simple/generate.ts';
import { actorOf, approverWithPowers, eventually, receiveAccepted, reviewAndDecide } from '../e2e/steps.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';
import { staffUser } from './modeler-helpers.ts';

/** The kinds of the top-level steps, in order. */
const steps = (page: Page) => page.$$eval('.ow-editor > .ow-flow > .ow-node', (els) => els.map((e) => (e as HTMLElement).dataset.test!.replace('node-', '')));

/** Adds a step of `kind` at the end of the top-level list with the mouse (the last “+”, then the kind in its menu). */
async function addAtEnd(page: Page, kind: string): Promise<void> {
  const adds = await page.$$('.ow-editor > .ow-flow > .ow-connector [data-test=add]');
  await adds[adds.length - 1].click();
  await page.waitForFunction((k) => [...document.querySelectorAll(`[data-test=add-${k}]`)].some((e) => (e as HTMLElement).offsetParent !== null), {}, kind);
  await page.evaluate((k) => ([...document.querySelectorAll(`[data-test=add-${k}]`)].find((e) => (e as HTMLElement).offsetParent !== null) as HTMLElement).click(), kind);
  await page.waitForSelector(`.ow-editor > .ow-flow > .ow-node[data-test=node-${kind}]`);
}

describe('web: 简易设计 (the simple designer) in Chromium', function () {
  this.timeout(300_000);
  const web = hallInBrowser('web_simple_designer');

  it('makes 收件 → 审查 → 审批决定 as an admin of 住建, who submits it but cannot publish it; a designer publishes it and a case runs through it', async () => {
    const w = await watchedPage(web.browser, { width: 1366, height: 900 });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'admin.zjj', '/processes/simple?processId=single-department-approval');
    await waitForText(page, '[data-test=blocked]', '请在完整设计器中打开');

    await page.goto(`${web.t.baseUrl}/processes/simple`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-test=node-receive]');
    await fill(page, 'input[data-test=process-id]', 'zjj-three-step');
    await fill(page, 'input[data-test=process-name]', '住建简易许可');
    await addAtEnd(page, 'review');
    await addAtEnd(page, 'decide');
    await addAtEnd(page, 'notify');
    expect(await steps(page)).to.deep.equal(['receive', 'review', 'decide', 'notify']);

    // keyboard: Alt+↑ moves the focused step up, Delete removes it
    await page.focus('.ow-editor > .ow-flow > .ow-node[data-test=node-notify]');
    await page.keyboard.down('Alt');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.up('Alt');
    expect(await steps(page)).to.deep.equal(['receive', 'review', 'notify', 'decide']);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.test), 'focus stays on the moved step').to.equal('node-notify');
    await page.keyboard.press('Delete');
    expect(await steps(page)).to.deep.equal(['receive', 'review', 'decide']);
    // mouse: ↑ and ↓ on a step
    await page.click('.ow-editor > .ow-flow > .ow-node[data-test=node-decide] [data-test=up]');
    expect(await steps(page)).to.deep.equal(['receive', 'decide', 'review']);
    await page.click('.ow-editor > .ow-flow > .ow-node[data-test=node-decide] [data-test=down]');
    expect(await steps(page)).to.deep.equal(['receive', 'review', 'decide']);

    // the preview is the generated BPMN in a viewer
    await page.waitForSelector('[data-test=preview] [data-element-id="decide3"]', { timeout: 20_000 });
    await page.waitForSelector('[data-test=preview] [data-element-id="decide3Seal"]');
    await page.click('[data-test=save]');
    await waitForText(page, '.ow-message', '草稿已保存');
    const draftId = new URL(page.url()).searchParams.get('draft')!;
    await page.type('.ow-review .ow-comment input', '新增住建简易许可流程');
    await page.click('[data-test=submit]');
    await waitForText(page, '.ow-message', '已提交审核', 30_000);
    expect(await page.$('[data-test=publish]'), 'no publishing for the author').to.equal(null);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'simple-designer');
    await assertAccessible(page, 'simple designer');
    w.assertClean();
    await page.close();

    // a forced request by the author is refused, and nothing is published
    const admin = await web.t.signIn('admin.zjj');
    const forced = await web.t.http.post(`/api/process-drafts/${draftId}/publish`).auth(admin, { type: 'bearer' }).send({ comment: '自己发布' });
    expect(forced.status).to.equal(403);
    expect(forced.body.code).to.equal('FORBIDDEN');
    expect((await web.t.http.get('/api/processes/zjj-three-step/versions').auth(admin, { type: 'bearer' })).body.items ?? []).to.deep.equal([]);

    // a designer reviews it in the simple designer and publishes it
    const r = await watchedPage(web.browser, { width: 1366, height: 900 });
    await signIn(r.page, web.t.baseUrl, 'designer', `/processes/simple?draft=${draftId}`);
    await r.page.waitForSelector('[data-test=publish]', { timeout: 30_000 });
    expect(await steps(r.page)).to.deep.equal(['receive', 'review', 'decide']);
    await r.page.type('.ow-review .ow-comment input', '审核通过');
    await r.page.click('[data-test=publish]');
    await waitForText(r.page, '.ow-message', '已发布为第 1 版', 30_000);
    r.assertClean();
    await r.page.close();

    // the matter takes the new process; a case runs through it to its sealed decision
    const { body: matter } = await web.t.http.get('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' });
    delete matter.updatedAt; delete matter.createdAt; delete matter.version;
    const bound = await web.t.http.put('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' }).send({ ...matter, process: { processId: 'zjj-three-step' } });
    expect(bound.status, bound.text).to.equal(200);
    const clerk = actorOf(web.t, await web.t.signIn('clerk'));
    const received = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' });
    expect(received).to.include({ processId: 'zjj-three-step', processVersion: 1 });
    const approver = await approverWithPowers(web.t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
    await reviewAndDecide(web.t, approver, received.caseNumber, { review: 'review2', decide: 'decide3', handOver: false });
    const closed = await eventually(async () => {
      const view = await clerk.get(`/api/cases/${received.caseNumber}`);
      return view.body.status === 'completed' ? view.body : undefined;
    }, 'the case to be completed');
    expect(closed.processEnded.outcome).to.equal('granted');
  });

  it('does not let an admin of 住建 open a draft of 公安', async () => {
    await staffUser(web.t, 'admin.gaj', ['departmentAdmin'], 'gaj');
    const gaj = await web.t.signIn('admin.gaj');
    const simple = { processId: 'gaj-id-card', name: '公安简易流程', nodes: [{ kind: 'receive' as const }] };
    const created = await web.t.http.post('/api/process-drafts').auth(gaj, { type: 'bearer' }).send({ xml: await generateBpmn(simple), simple });
    expect(created.status, created.text).to.equal(201);

    const w = await watchedPage(web.browser, { width: 1366, height: 900, allow: [/403 GET .*\/api\/process-drafts\//, /status of 403/] });
    await signIn(w.page, web.t.baseUrl, 'admin.zjj', `/processes/simple?draft=${created.body._id}`);
    await waitForText(w.page, '.ow-error', '您无权');
    expect(await w.page.$('.ow-simple-body'), 'nothing of the draft is shown').to.equal(null);
    expect(await textOf(w.page, 'main')).to.not.contain('gaj-id-card');
    await assertAccessible(w.page, 'simple designer refused');
    w.assertClean();
    await w.page.close();
  });
});

import { expect } from 'chai';
import { bpmnDocument, receiveAndReview } from '../support/processes/fixtures.ts';
import { assertAccessible, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';
import { englishLabels } from './modeler-helpers.ts';

describe('web: 流程设计 (modeler, review, versions) in Chromium', function () {
  this.timeout(240_000);
  const web = hallInBrowser('web_modeler');

  it('opens the single-department process in the modeler in Chinese, with the canvas lint, and checks it', async () => {
    const w = await watchedPage(web.browser, { width: 1600, height: 1000 });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'designer', '/processes/modeler?processId=single-department-approval');
    await page.waitForSelector('[data-element-id="transfer"]', { timeout: 30_000 });
    await page.click('[data-element-id="transfer"]');
    await page.waitForSelector('.djs-context-pad .entry');
    await page.waitForSelector('.bio-properties-panel-group-header');
    expect(await textOf(page, '[data-test=properties]')).to.contain('常规');
    expect(await englishLabels(page), 'English labels left in the modeler').to.deep.equal([]);
    const gap = await page.evaluate(() => document.querySelector('.djs-palette')!.getBoundingClientRect().top - document.querySelector('.bts-toggle-mode')!.getBoundingClientRect().bottom);
    expect(gap, 'the token simulation switch stays clear of the palette\'s top edge').to.be.at.least(8);
    await assertAccessible(page, 'modeler');
    await page.click('[data-test=check]');
    await waitForText(page, '.ow-message', '校验通过');
    await screenshot(page, 'modeler-single-department');
    w.assertClean();
    await page.close();
  });

  it('lets an admin of 住建 save a draft, shows the dry run\'s problems on the canvas, and offers no publishing to its author', async () => {
    const w = await watchedPage(web.browser, { width: 1600, height: 1000, allow: [/422 POST .*\/submit/, /status of 422 .*\/submit/] });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'admin.zjj', '/processes/modeler');
    await page.waitForSelector('[data-element-id="start"]', { timeout: 30_000 });
    await page.click('[data-test=save]');
    await waitForText(page, '.ow-message', '草稿已保存');
    expect(await textOf(page, 'h1')).to.match(/zjj-process-/);
    await page.type('.ow-comment input', '新流程');
    await page.click('[data-test=submit]');
    await waitForText(page, '.ow-error', '流程校验未通过');
    expect(await page.$('[data-test=publish]')).to.equal(null);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    await assertAccessible(page, 'modeler-draft');
    w.assertClean();
    await page.close();
  });

  it('shows a designer two versions side by side with the added step marked and the changed properties listed', async () => {
    const designer = await web.t.signIn('designer');
    const publish = (xml: string) => web.t.http.post('/api/processes').auth(designer, { type: 'bearer' }).type('application/bpmn+xml').send(xml);
    expect((await publish(bpmnDocument('zjj-diff', receiveAndReview))).status).to.equal(201);
    const renamed = receiveAndReview.replace('name="审查"', 'name="实质审查"')
      .replace('<bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>', '<bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask><bpmn:serviceTask id="notifyDone" name="通知"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>')
      .replace('<bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>', '<bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>')
      .replace('<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />', '<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="notifyDone" /><bpmn:sequenceFlow id="f4" sourceRef="notifyDone" targetRef="end" />');
    const v2 = await publish(bpmnDocument('zjj-diff', renamed));
    expect(v2.status, v2.text).to.equal(201);
    const w = await watchedPage(web.browser, { width: 1600, height: 1000 });
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'designer', '/processes/versions?processId=zjj-diff');
    await page.waitForSelector('[data-test=diff-right] .ow-diff-added[data-element-id="notifyDone"]', { timeout: 30_000, visible: true });
    expect(await page.$('[data-test=diff-left] .ow-diff-changed[data-element-id="review"]')).to.not.equal(null);
    expect(await textOf(page, '#diff-properties')).to.contain('实质审查');
    await screenshot(page, 'modeler-version-diff');
    await assertAccessible(page, 'versions');
    w.assertClean();
    await page.close();
  });
});

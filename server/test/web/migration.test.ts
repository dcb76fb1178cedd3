import { expect } from 'chai';
import { caseReads } from '../../src/intake/index.ts';
import { actorOf, approverWithPowers, eventually, openTask, receiveAccepted, reviewAndDecide } from '../e2e/steps.ts';
import { RENAMED_REVIEW, withReviewRenamed } from '../support/migration/fixtures.ts';
import { assertAccessible, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

/**
 * Issue 14: a case waiting at a renamed step is migrated and then completes. v1 of the
 * single-department process runs a case to 审查; v2 renames the step (new id). A designer opens the
 * versions page, follows its link to 办件迁移, maps 审查 to 实质审查, previews, migrates the case; the
 * approver then completes the renamed step and the case completes on v2.
 */
describe('web: 运行中办件迁移 in Chromium', function () {
  this.timeout(240_000);
  const web = hallInBrowser('web_migration');

  it('maps the renamed step, previews, migrates the waiting case, and the case completes on the new version', async () => {
    const { t } = web;
    const clerk = actorOf(t, await t.signIn('clerk'));
    const designer = actorOf(t, await t.signIn('designer'));
    const approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
    const { caseNumber } = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' });
    const waiting = await openTask(approver, caseNumber, 'review');
    const v1 = await designer.get('/api/processes/single-department-approval/versions/1/xml');
    expect((await designer.post('/api/processes', { xml: withReviewRenamed(v1.text) })).status).to.equal(201);

    const w = await watchedPage(web.browser, { width: 1440, height: 1000 });
    const { page } = w;
    await signIn(page, t.baseUrl, 'designer', '/processes/versions?processId=single-department-approval');
    await page.waitForSelector('[data-test=migration-link]', { visible: true, timeout: 30_000 });
    await Promise.all([page.waitForSelector('[data-test=preview]', { visible: true }), page.click('[data-test=migration-link]')]);
    await page.waitForSelector('[data-test=preview]:not([disabled])');
    await page.click('[data-test=preview]');
    await page.waitForSelector(`[data-test="can-${caseNumber}"]`, { visible: true });
    expect(await page.$('[data-test="map-reviewNotifyStepDueSoon"]'), 'only the elements that need a look are listed').to.equal(null);
    expect(await textOf(page, `[data-test="can-${caseNumber}"]`)).to.equal('不可迁移');
    await waitForText(page, '[data-test=cases]', '没有映射');
    await screenshot(page, 'migration-unmapped');

    // map 审查 to the renamed 实质审查 and preview again
    await page.select('[data-test=map-review]', RENAMED_REVIEW);
    await page.click('[data-test=preview-again]');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '可迁移', {}, `[data-test="can-${caseNumber}"]`);
    await page.click(`[data-test="pick-${caseNumber}"]`);
    await waitForText(page, '.ow-actions', '已选 1 件');
    await assertAccessible(page, 'migration-preview');
    await screenshot(page, 'migration-preview');
    await page.click('[data-test=migrate]');
    await waitForText(page, '[data-test=results]', '已迁移');
    await waitForText(page, '[data-test=cases]', '该版本没有运行中的办件');
    await screenshot(page, 'migration-done');
    await assertAccessible(page, 'migration-done');
    w.assertClean();
    await page.close();

    // the approver finds the same task at the renamed step, completes it, and the case completes on v2
    const cases = caseReads(t.hall.services.intake!.cases.db);
    expect(await cases.findOne({ caseNumber }).lean()).to.include({ processVersion: 2 });
    const moved = await eventually(async () => {
      const task = await t.hall.services.board!.tasks.findById(waiting.key).lean();
      return task?.elementId === RENAMED_REVIEW ? task : undefined;
    }, 'the board entry at the renamed step');
    expect(moved.name).to.equal('实质审查');
    await reviewAndDecide(t, approver, caseNumber);
    const issuer = actorOf(t, await t.signIn('issuer'));
    expect((await issuer.post(`/api/issuing/cases/${caseNumber}/hand-over`, { method: 'post', recipientName: '马文静', trackingNumber: 'EMS1234567892' })).status).to.equal(200);
    await eventually(async () => ((await cases.findOne({ caseNumber }).lean())?.status === 'completed' ? true : undefined), 'the case to complete');
  });
});

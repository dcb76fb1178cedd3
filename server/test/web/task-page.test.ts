import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorOf, approverWithPowers, eventually, openTask, receiveAccepted, type Actor } from '../e2e/steps.ts';
import { assertAccessible, fill, hallInBrowser, screenshot, signIn, textOf, waitForText, watchedPage } from './browser.ts';

/**
 * The approver's task page (issue 13, part 2) in Chromium against the real server, engine, FerretDB
 * and PDF renderer: claim, the diagram with the path taken, 退回 with an opinion, the seal refused
 * and then granted, the 审批表, and the lead of a joint review consolidating nine opinions.
 */
describe('web: the approver\'s task page in Chromium', function () {
  this.timeout(300_000);
  const web = hallInBrowser('web_task');
  let clerk: Actor;
  let zjj: Actor;
  const permit = { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' };
  const contact = { name: '马文静', phone: '13995012866' };

  /** A construction permit reviewed and waiting at 审批决定 (unclaimed, in the 住建 group). */
  async function atDecision(): Promise<{ caseNumber: string; key: string }> {
    const { caseNumber } = await receiveAccepted(clerk, 'zjj_sgxk', permit, contact);
    const review = await openTask(zjj, caseNumber, 'review');
    await zjj.post(`/api/tasks/${review.key}/claim`);
    const done = await zjj.post(`/api/tasks/${review.key}/approve`, { opinion: '材料齐全，符合法定条件。' });
    expect(done.status, done.text).to.equal(200);
    return { caseNumber, key: (await openTask(zjj, caseNumber, 'decide')).key };
  }

  before(async () => {
    clerk = actorOf(web.t, await web.t.signIn('clerk'));
    // the 住建 approver may review and decide, but holds no seal-use power yet
    zjj = await approverWithPowers(web.t, 'zjj', ['reviewAndReport', 'decide']);
  });

  it('claims a group task, shows the diagram with the current step, returns it to 审查 with an opinion, and the case shows the return', async () => {
    const { caseNumber, key } = await atDecision();
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.zjj', `/tasks/${key}`);
    await waitForText(page, '[data-task-title]', caseNumber);
    expect(await textOf(page, '#task-holder')).to.contain('待签收');
    await page.click('[data-action=claim]');
    await waitForText(page, '#task-holder', 'approver.zjj');
    // the diagram of the case's own version: 审查 done, 审批决定 current, the flows taken marked
    await page.waitForSelector('[data-diagram] .djs-element[data-element-id=decide]', { visible: true, timeout: 30_000 });
    await page.waitForSelector('[data-diagram]:not([data-marked="0"])', { timeout: 10_000 }).catch(async () => {
      await screenshot(page, 'task-diagram-unmarked');
      const ids = await page.$$eval('[data-diagram] .djs-element', (els) => els.map((e) => e.getAttribute('data-element-id')).join(','));
      throw new Error(`no element marked; path ${JSON.stringify((await zjj.get(`/api/cases/${caseNumber}/path`)).body)}; elements ${ids}`);
    });
    const marks = await page.$$eval('[data-diagram] .djs-element', (els) => els.map((e) => `${e.getAttribute('data-element-id')}:${e.getAttribute('class')}`).filter((x) => x.includes('ow-')));
    expect(marks.some((m) => m.startsWith('decide:') && m.includes('ow-current')), `marked: ${marks.join(', ')}`).to.equal(true);
    expect(await page.$('[data-diagram] .djs-element.ow-done[data-element-id=review]')).to.not.equal(null);
    expect(await page.$$('[data-diagram] .djs-element.ow-taken')).to.have.length.greaterThan(2);
    await page.click('[data-diagram] .djs-element[data-element-id=review]');
    await waitForText(page, '#element-info', 'approver.zjj');
    // the earlier opinion with the delegation it was given under, and the path ahead
    expect(await textOf(page, '#opinions')).to.contain('材料齐全，符合法定条件。').and.contain('审核上报权');
    await waitForText(page, '#path-ahead', '出证窗口');
    await screenshot(page, 'task-page-diagram');
    await assertAccessible(page, 'task page');
    // 退回 to 审查 with an opinion
    await fill(page, '#opinion', '申请人资质证明需补充说明，退回重新审查。');
    await page.click('[data-action=return]');
    await page.waitForSelector('[data-return-target=review]', { visible: true });
    await page.click('[data-return-target=review]');
    await page.click('[data-action-submit]');
    await waitForText(page, '#task-notice', '已办理');
    const back = await openTask(zjj, caseNumber, 'review');
    expect(back.key).to.not.equal(key);
    // the case page shows the return, where it went and the opinion
    await page.goto(`${web.t.baseUrl}/cases/${caseNumber}`, { waitUntil: 'networkidle0' });
    await waitForText(page, '.ow-page', '退回至 review');
    expect(await textOf(page, '.ow-page')).to.contain('申请人资质证明需补充说明，退回重新审查。');
    await assertAccessible(page, 'case page after the return');
    w.assertClean();
    await page.close();
  });

  it('tells an approver without the seal power why the seal is not offered; a forced decision is refused; once granted, decides and the sealed PDF opens', async () => {
    const { caseNumber, key } = await atDecision();
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.zjj', `/tasks/${key}`);
    await page.waitForSelector('[data-action=claim]', { visible: true });
    await page.click('[data-action=claim]');
    await waitForText(page, '#task-holder', 'approver.zjj');
    await waitForText(page, '[data-seal-why]', '行政审批专用章使用授权');
    expect(await page.$('[data-action=approve]')).to.equal(null);
    expect(await page.$('[data-action=return]')).to.not.equal(null);
    await assertAccessible(page, 'task page without the seal');
    const forced = await zjj.post(`/api/tasks/${key}/approve`, {
      opinion: '准予', decision: { findings: '符合', legalBasis: '《建筑工程施工许可管理办法》', licence: { name: '建筑工程施工许可证', scope: '云杉大厦', validFrom: '2026-01-01', validTo: '2027-12-31' } },
    });
    expect(forced.status).to.equal(403);
    expect(forced.body.code).to.equal('SEAL_NOT_AUTHORISED');

    // the department admin grants the seal-use power: the page offers the decision with the seal
    await approverWithPowers(web.t, 'zjj', ['useSeal']);
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-action=approve]', { visible: true });
    await page.click('[data-action=approve]');
    await waitForText(page, '#seal-panel', '行政审批专用章使用权');
    expect(await textOf(page, '#seal-panel')).to.contain('中卫市住房和城乡建设局').and.contain('全部事项');
    await fill(page, '#decision-basis', '《建筑工程施工许可管理办法》');
    await fill(page, '#licence-name', '建筑工程施工许可证');
    await fill(page, '#licence-scope', '云杉大厦');
    expect(await page.$eval('[data-action-submit]', (b) => (b as HTMLButtonElement).disabled)).to.equal(true);
    await page.click('[data-seal-confirm]');
    await screenshot(page, 'task-seal-confirm');
    await assertAccessible(page, 'seal confirmation');
    await page.click('[data-action-submit]');
    await waitForText(page, '#task-notice', '已用印', 60_000);
    await page.waitForSelector('iframe[data-pdf=loaded]', { timeout: 30_000 });
    expect(await textOf(page, '.ow-doc header')).to.contain('准予行政许可决定书');
    // the 审批表 of the case, sealed, in the page
    await page.click('[data-approval-record]');
    await waitForText(page, '.ow-doc header', '行政许可审批表', 30_000);
    await screenshot(page, 'task-sealed');
    w.assertClean();
    await page.close();
    expect((await zjj.get(`/api/cases/${caseNumber}/record`)).body.steps.find((s: { step: string }) => s.step === 'decide').delegation.power).to.equal('useSeal');
  });

  it('reviews with a 常用语 and an attached image by Ctrl+Enter; the next step shows the opinion and previews the image in the page', async () => {
    const { caseNumber } = await receiveAccepted(clerk, 'zjj_sgxk', permit, contact);
    const review = await openTask(zjj, caseNumber, 'review');
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.zjj', `/tasks/${review.key}`);
    await page.waitForSelector('[data-action=claim]', { visible: true });
    await page.click('[data-action=claim]');
    await waitForText(page, '#task-holder', 'approver.zjj');
    await page.waitForSelector('[data-phrase]', { visible: true });
    await page.click('[data-phrase]');
    expect(await page.$eval('#opinion', (el) => (el as HTMLTextAreaElement).value)).to.equal('同意。');
    await page.type('#opinion', '现场照片见附件。');
    await page.click('[data-save-phrase]');
    await waitForText(page, '#task-actions', '同意。现场照片见附件。');
    const file = join(mkdtempSync(join(tmpdir(), 'ow-')), '现场照片.png');
    // a real PNG (what a phone photo of the site would be), 1366 × 768: the page's own screenshot
    writeFileSync(file, await page.screenshot({ type: 'png' }));
    await (await page.$('input#attachment'))!.uploadFile(file);
    await waitForText(page, '[data-attachment]', '现场照片.png');
    await page.focus('#opinion');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await waitForText(page, '#task-notice', '已办理');
    const decide = await openTask(zjj, caseNumber, 'decide');
    await page.goto(`${web.t.baseUrl}/tasks/${decide.key}`, { waitUntil: 'networkidle0' });
    await waitForText(page, '#opinions', '同意。现场照片见附件。');
    await page.click('[data-attachment-preview]');
    await page.waitForFunction(() => (document.querySelector('.ow-preview-img') as HTMLImageElement | null)?.naturalWidth === 1366);
    await assertAccessible(page, 'task page with an attachment preview');
    w.assertClean();
    await page.close();
  });

  it('shows another department\'s task to an approver of 公安 as not found', async () => {
    const { key } = await atDecision();
    const w = await watchedPage(web.browser, { allow: [/^404 GET .*\/api\/tasks\//, /status of 404 .*\/api\/tasks\//] });
    await signIn(w.page, web.t.baseUrl, 'approver.gaj', `/tasks/${key}`);
    await waitForText(w.page, '#task-error', '任务不存在或您无权查看');
    expect(await w.page.$('[data-action]')).to.equal(null);
    w.assertClean();
    await w.page.close();
  });

  it('shows the lead of a joint review the nine units\' opinions side by side, the earlier round\'s return highlighted, and issues the 综合审图意见书', async () => {
    const units = ['zjj', 'fgw', 'gxj', 'zrzy', 'sthj', 'jtj', 'swj', 'yjj', 'rfb'];
    const approvers: Record<string, Actor> = { zjj: await approverWithPowers(web.t, 'zjj', ['coordinate']) };
    for (const unit of units.slice(1)) approvers[unit] = await approverWithPowers(web.t, unit, ['reviewAndReport']);
    const { caseNumber } = await receiveAccepted(clerk, 'zjj_ltst', { kind: 'organisation', name: '宁夏沙湖文化旅游发展有限公司', uscc: '11640500640502228C' }, contact);
    const round = async (returning?: string) => {
      for (const unit of units) {
        const task = await openTask(approvers[unit], caseNumber, 'unitReview');
        await approvers[unit].post(`/api/tasks/${task.key}/claim`);
        const done = unit === returning
          ? await approvers[unit].post(`/api/tasks/${task.key}/return-for-correction`, { opinion: '防护单元划分不符合规范', items: [{ material: '施工图设计文件（全专业，电子图）', problem: '防护单元划分不满足《人民防空地下室设计规范》' }] })
          : await approvers[unit].post(`/api/tasks/${task.key}/approve`, { opinion: `${unit} 审查通过，符合规范。` });
        expect(done.status, done.text).to.equal(200);
      }
    };
    // 人防办 returns the drawings in the first round; revised drawings pass in the second
    await round('rfb');
    // the applicant brings revised drawings once the case waits for them (after the return notice)
    await eventually(async () => {
      const resubmitted = await clerk.post(`/api/cases/${caseNumber}/resubmissions`, { kind: 'drawings' });
      if (resubmitted.status === 409) return undefined;
      expect(resubmitted.status, resubmitted.text).to.equal(200);
      return true;
    }, 'the case to wait for revised drawings');
    await round();
    const consolidate = await openTask(approvers.zjj, caseNumber, 'consolidate');
    const w = await watchedPage(web.browser);
    const { page } = w;
    await signIn(page, web.t.baseUrl, 'approver.zjj', `/tasks/${consolidate.key}`);
    await page.waitForSelector('[data-action=claim]', { visible: true });
    await page.click('[data-action=claim]');
    await page.waitForSelector('#joint-review [data-consolidate]', { visible: true });
    expect(await page.$$('#joint-review [data-unit]')).to.have.length(9);
    expect(await page.$$('#joint-review [data-outcome=pass]')).to.have.length(9);
    const shown = await textOf(page, '#joint-review');
    expect(shown).to.contain('中卫市人民防空办公室').and.contain('rfb 审查通过，符合规范。');
    // the earlier round's return stays in view, highlighted
    expect(await textOf(page, '[data-earlier-returns]')).to.contain('中卫市人民防空办公室').and.contain('防护单元划分不符合规范');
    await page.$eval('#joint-review', (el) => el.scrollIntoView());
    await screenshot(page, 'task-joint-review');
    await assertAccessible(page, 'joint review consolidation');
    await page.click('[data-consolidate]');
    await waitForText(page, '#task-notice', '已办理');
    await eventually(async () => {
      const c = await approvers.zjj.get(`/api/cases/${caseNumber}`);
      return c.body.documents.some((d: { kind: string }) => d.kind.startsWith('jointReviewOpinion')) ? true : undefined;
    }, 'the 综合审图意见书');
    w.assertClean();
    await page.close();
  });
});

import { expect } from 'chai';
import { issuedDocumentModel } from '../../src/documents/index.ts';
import { pdfText } from '../../src/documents/pdf-tools.ts';
import { caseModel } from '../../src/intake/index.ts';
import { notificationModel } from '../../src/notifications/index.ts';
import { hallEngines, startHall, type TestHall } from '../hall.ts';
import { actorOf, receiveAccepted, approverWithPowers, eventually, openTask, type Actor } from './steps.ts';

/**
 * The showcase (issue 6): a construction project's drawings, received at a comprehensive window,
 * reviewed jointly by the nine units of the construction office (联合审图), returned once, resubmitted,
 * passed, consolidated, decided with the seal, certified and served — on the embedded engine, the real
 * database and real Chromium, through the HTTP API as each person would use it.
 */
// On the embedded engine, and on the real Zeebe 8.5 engine when scripts/test started it.
for (const engine of hallEngines()) describe(`joint drawing review from window to verified certificate${engine === 'zeebe' ? ' (on the real Zeebe 8.5 engine)' : ''}`, function () {
  this.timeout(300_000);
  const units = ['zjj', 'fgw', 'gxj', 'zrzy', 'sthj', 'jtj', 'swj', 'yjj', 'rfb'];
  let t: TestHall;
  let clerk: Actor;
  let issuer: Actor;
  let director: Actor;
  const approvers: Record<string, Actor> = {};

  before(async () => {
    t = await startHall('jointreview', { engine });
    clerk = actorOf(t, await t.signIn('clerk'));
    issuer = actorOf(t, await t.signIn('issuer'));
    director = actorOf(t, await t.signIn('director'));
    for (const unit of units) {
      approvers[unit] = await approverWithPowers(t, unit, unit === 'zjj' ? ['reviewAndReport', 'coordinate', 'decide', 'useSeal'] : ['reviewAndReport']);
    }
  });
  after(() => t?.close());

  it('runs the whole case and leaves a certificate anyone can verify', async () => {
    // Given a complete application for the joint review of construction drawings, at window C01
    const received = await receiveAccepted(clerk, 'zjj_ltst', { kind: 'organisation', name: '宁夏沙湖文化旅游发展有限公司', uscc: '11640500640502228C' }, { name: '马文静', phone: '13995012866' });
    const caseNumber: string = received.caseNumber;
    expect(received.processId).to.equal('joint-drawing-review');

    // When the nine units review in parallel and 人防办 returns the drawings
    const reviewRound = async (returning: string | undefined) => {
      for (const unit of units) {
        const task = await openTask(approvers[unit], caseNumber, 'unitReview');
        expect(task.dueAt, `${unit} review has a working-day due time`).to.be.a('string');
        expect((await approvers[unit].post(`/api/tasks/${task.key}/claim`)).status).to.equal(200);
        const done = unit === returning
          ? await approvers[unit].post(`/api/tasks/${task.key}/return-for-correction`, { opinion: '人防工程设计不符合规范', items: [{ material: '施工图设计文件（全专业，电子图）', problem: '防护单元划分不满足《人民防空地下室设计规范》' }] })
          : await approvers[unit].post(`/api/tasks/${task.key}/approve`, { opinion: '同意' });
        expect(done.status, `${unit}: ${done.text}`).to.equal(200);
      }
    };
    await reviewRound('rfb');

    // Then the applicant is sent one notice with the return opinion and the clock stops
    const paused = await eventually(async () => {
      const c = await caseModel(t.hall.services.intake!.cases.db).findOne({ caseNumber }).lean();
      return c?.pauses.some((p) => !p.to) && c.documents.some((d) => d.kind.startsWith('drawingsReturnNotice')) ? c : undefined;
    }, 'the return notice and the clock to pause');
    expect(paused.pauses.filter((p) => !p.to)).to.have.length(1);
    // issue 10: the return notice is its own notice — the unit's itemised problems, time not counted
    // (第四十五条 for expert review), how to resubmit — not the intake correction notice (第三十二条)
    const returnRef = paused.documents.find((d) => d.kind.startsWith('drawingsReturnNotice'))!;
    const returnDoc = await issuedDocumentModel(t.hall.services.intake!.cases.db).findById(returnRef.documentId).lean();
    expect(returnDoc!.kind).to.equal('reviewReturn');
    const returnText = (await pdfText(Buffer.from(returnDoc!.pdf.buffer))).replace(/\s+/g, '');
    for (const expected of ['施工图设计文件审查退回修改通知书', '中卫市人民防空办公室审查意见', '人防工程设计不符合规范', '防护单元划分不满足《人民防空地下室设计规范》', '不计入本事项的办理时限', '第四十五条', '重新报审']) {
      expect(returnText, expected).to.contain(expected);
    }
    expect(returnText).not.to.contain('第三十二条第一款第（四）项');
    expect(returnText).not.to.contain('自收到全部补正材料之日起受理');

    // the applicant hears of the return (the process's 通知 step) before coming back with new drawings
    await eventually(async () => (await notificationModel(t.hall.services.intake!.cases.db).exists({ caseNumber, template: 'drawingsReturned' })) ?? undefined, 'the applicant told of the return');

    // When the applicant resubmits revised drawings at the window and all nine units pass them
    const resubmitted = await clerk.post(`/api/cases/${caseNumber}/resubmissions`, { kind: 'drawings' });
    expect(resubmitted.status, resubmitted.text).to.equal(200);
    await reviewRound(undefined);

    // And the lead consolidates the opinions and the approver with seal authority decides
    const consolidate = await openTask(approvers.zjj, caseNumber, 'consolidate');
    await approvers.zjj.post(`/api/tasks/${consolidate.key}/claim`);
    expect((await approvers.zjj.post(`/api/tasks/${consolidate.key}/approve`, { opinion: '经联合审查，施工图设计文件符合要求。' })).status).to.equal(200);
    const decide = await openTask(approvers.zjj, caseNumber, 'decide');
    await approvers.zjj.post(`/api/tasks/${decide.key}/claim`);
    const decided = await approvers.zjj.post(`/api/tasks/${decide.key}/approve`, {
      opinion: '准予',
      decision: {
        findings: '申请人提交的施工图设计文件经联合审查符合有关规定的条件和标准', legalBasis: '《房屋建筑和市政基础设施工程施工图设计文件审查管理办法》',
        licence: { name: '施工图审查合格书', scope: '沙湖文旅综合体一期', validFrom: '2026-12-01', validTo: '2031-11-30' },
      },
    });
    expect(decided.status, decided.text).to.equal(200);

    // Then the certificate is prepared with the seal and a QR code, and waits at the issuing window
    const handOver = await openTask(issuer, caseNumber, 'handOver');
    expect(handOver.dueAt).to.be.a('string');
    const served = await issuer.post(`/api/issuing/cases/${caseNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
    expect(served.status, served.text).to.equal(200);

    // And the case closes, every step on its timeline, the certificate verifiable by anyone
    const closed = await eventually(async () => {
      const res = await director.get(`/api/cases/${caseNumber}`);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 'the case to close');
    const types = closed.timeline.map((e: { type: string }) => e.type);
    // Each unit's task appears on the timeline in both rounds (nothing lost to concurrent writes).
    expect(types.filter((type: string) => type === 'taskCreated').length).to.be.at.least(2 * units.length + 3);
    for (const step of ['received', 'accepted', 'processStarted', 'transferred', 'drawingsReturnNotice', 'clockPaused', 'drawingsResubmitted', 'clockResumed', 'jointReviewOpinion', 'certificatePrepared', 'completed']) {
      expect(types, step).to.include(step);
    }
    expect(closed.dueDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const certificate = closed.documents.find((d: { kind: string }) => d.kind === 'certificate');
    const verified = await t.http.get(`/api/public/certificates/${certificate.verificationCode}`);
    expect(verified.body).to.include({ genuine: true, status: 'valid', holder: '宁夏沙****有限公司' });
    // The QR code's address opens the web app's verification page (drawn in the browser: server/test/web/public.test.ts)
    const page = await t.http.get(`/verify/${certificate.verificationCode}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('<div id="app">');
  });
});

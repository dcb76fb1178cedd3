import { expect } from 'chai';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, eventually, permitReadyForPickup, type Actor } from '../../test/e2e/steps.ts';
import { caseOf } from '../../test/support/analytics/history.ts';
import { todayInHall } from '../calendar/index.ts';
import { caseModel } from '../intake/index.ts';
import { dueInstant } from '../routing/index.ts';
import { taskModel } from '../tasks/index.ts';
import { ratingModel } from './model.ts';

describe('好差评: a case rated once, a bad rating rectified with a reply, the figures', () => {
  let t: TestHall;
  let caseNumber: string;
  let zjj: Actor;
  let director: Actor;
  const rate = (body: object) => t.http.post('/api/public/ratings').send(body);

  before(async () => {
    t = await startHall('ratings');
    caseNumber = await permitReadyForPickup(t);
    [zjj, director] = [actorOf(t, await t.signIn('approver.zjj')), actorOf(t, await t.signIn('director'))];
  });
  after(async () => { await t.close(); });

  const openTask = (step: string) => eventually(async () => {
    const task = await taskModel(t.hall.services.intake!.cases.db).findOne({ processId: 'rating-rectification', step, state: 'open' }).lean();
    return task ?? undefined;
  }, `${step} task`);

  it('refuses a rating without the phone check, with a wrong phone, or before the case is decided — saving nothing', async () => {
    const noPhone = await rate({ caseNumber, level: 'satisfied' });
    expect(noPhone.status).to.equal(400);
    expect(noPhone.body.fields.map((f: { field: string }) => f.field)).to.deep.equal(['body.phone']);
    const wrong = await rate({ caseNumber, phone: '13900000000', level: 'satisfied' });
    expect(wrong.status).to.equal(404);
    expect(wrong.body).to.include({ code: 'RATING_CASE_OR_PHONE_MISMATCH' });
    expect(wrong.body.message.zh).to.equal('办件编号或手机号不正确');
    await caseModel(t.hall.services.intake!.cases.db).create(caseOf('A', { completed: false }));
    const early = await rate({ caseNumber: 'ZW-A', phone: '13800000000', level: 'satisfied' });
    expect(early.status).to.equal(409);
    expect(early.body.code).to.equal('RATING_NOT_YET');
    expect(await ratingModel(t.hall.services.intake!.cases.db).countDocuments({})).to.equal(0);
  });

  it('takes one rating per case: a bad one opens a rectification due in 15 working days; a second is refused', async () => {
    const bad = await rate({ caseNumber, phone: '13995012866', level: 'veryDissatisfied', dimensions: { efficiency: 'dissatisfied', attitude: 'veryDissatisfied' }, comment: '窗口人员态度冷淡，多次让我补材料' });
    expect(bad.status, bad.text).to.equal(201);
    expect(bad.body).to.include({ id: `case:${caseNumber}`, rectification: true });
    const second = await rate({ caseNumber, phone: '13995012866', level: 'verySatisfied' });
    expect(second.status).to.equal(409);
    expect(second.body.code).to.equal('RATING_ALREADY_GIVEN');
    const saved = await ratingModel(t.hall.services.intake!.cases.db).findById(`case:${caseNumber}`).lean();
    expect(saved).to.include({ level: 'veryDissatisfied', bad: true, channel: 'online', departmentCode: 'zjj', matterCode: 'zjj_sgxk', clerk: 'clerk' });
    const cal = await t.hall.services.calendar.calendar();
    const due = dueInstant(cal.addWorkingDays(todayInHall(), 15));
    expect(saved!.rectification!.dueAt.toISOString()).to.equal(new Date(due).toISOString());
    const task = await openTask('ratingRectify');
    expect(task.departmentCode).to.equal('zjj');
    expect(task.dueAt!.toISOString()).to.equal(new Date(due).toISOString());
    const timeline = (await caseModel(t.hall.services.intake!.cases.db).findOne({ caseNumber }).lean())!.timeline.map((e) => e.type);
    expect(timeline).to.include('rated');
  });

  it('closes the rectification with a reply after a call-back; an appeal (申诉) is reviewed by the director first', async () => {
    const task = await openTask('ratingRectify');
    await zjj.post(`/api/tasks/${task._id}/claim`).expect(200);
    const noCall = await zjj.post(`/api/ratings/tasks/${task._id}/rectify`, { verification: '经核实，窗口解释不到位', reply: '已对窗口人员批评教育', calledBack: false });
    expect(noCall.status).to.equal(422);
    expect(noCall.body.code).to.equal('CALL_BACK_REQUIRED');
    const contested = await zjj.post(`/api/ratings/tasks/${task._id}/contest`, { reason: '材料清单已一次性告知，申请人未按要求提交' });
    expect(contested.status, contested.text).to.equal(200);
    expect(contested.body.rectification.state).to.equal('contested');

    const review = await openTask('ratingContestReview');
    await zjj.post(`/api/ratings/tasks/${review._id}/review-contest`, { upheld: true, note: '部门不能复核自己的申诉' }).expect(404);
    const rejected = await director.post(`/api/ratings/tasks/${review._id}/review-contest`, { upheld: false, note: '申请人多次往返属实，申诉不成立' });
    expect(rejected.status, rejected.text).to.equal(200);
    expect(rejected.body.rectification).to.include({ state: 'open' });
    expect(rejected.body.rectification.contest).to.include({ outcome: 'rejected', reviewedBy: 'director' });

    const again = await openTask('ratingRectify');
    expect(again._id).to.not.equal(task._id);
    await zjj.post(`/api/tasks/${again._id}/claim`).expect(200);
    const done = await zjj.post(`/api/ratings/tasks/${again._id}/rectify`, { verification: '经回访核实，窗口一次性告知不清', reply: '已修订材料清单说明并向申请人致歉', calledBack: true });
    expect(done.status, done.text).to.equal(200);
    expect(done.body.rectification).to.include({ state: 'rectified' });
    expect(done.body.rectification.reply).to.include({ calledBack: true, onTime: true, by: 'approver.zjj' });
    await zjj.post(`/api/ratings/tasks/${again._id}/rectify`, { verification: '再次', reply: '再次', calledBack: true }).expect(409);
  });

  it('rates at the window\'s device only for its own window, and shows both ratings in the figures', async () => {
    const clerk = actorOf(t, await t.signIn('clerk'));
    await caseModel(t.hall.services.intake!.cases.db).updateOne({ caseNumber: 'ZW-A' }, { $set: { stage: 'closed', status: 'completed' } });
    await clerk.post('/api/ratings/windows/C02', { caseNumber: 'ZW-A', level: 'verySatisfied' }).expect(403);
    const kiosk = await clerk.post('/api/ratings/windows/C01', { caseNumber: 'ZW-A', level: 'verySatisfied', dimensions: { serviceLevel: 'verySatisfied' } });
    expect(kiosk.status, kiosk.text).to.equal(201);
    const figures = await director.get('/api/analytics/ratings');
    expect(figures.status, figures.text).to.equal(200);
    expect(figures.body).to.include({ total: 2, goodRate: 0.5 });
    expect(figures.body.levels).to.include({ verySatisfied: 1, veryDissatisfied: 1 });
    expect(figures.body.byChannel.map((g: { key: string }) => g.key).sort()).to.deep.equal(['online', 'window']);
    expect(figures.body.byWindow.find((g: { key: string }) => g.key === 'C01')).to.include({ total: 2, good: 1, bad: 1 });
    expect(figures.body.rectification).to.include({ bad: 1, rectified: 1, rectifiedOnTime: 1, open: 0, onTimeRate: 1, callBackRate: 1 });
    const head = actorOf(t, await t.signIn('admin.zjj'));
    const own = await head.get('/api/analytics/ratings');
    expect(own.body.byDepartment.map((g: { key: string }) => g.key)).to.deep.equal(['zjj']);
  });
});

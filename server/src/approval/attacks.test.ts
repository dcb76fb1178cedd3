import { expect } from 'chai';
import supertest from 'supertest';
import * as hostile from '../../test/hostile/files.ts';
import { todayInHall } from '../calendar/index.ts';
import { caseModel } from '../intake/index.ts';
import { taskModel, type TaskDoc } from '../tasks/index.ts';
import { attachmentModel, decisionModel, sealUseModel } from './models.ts';
import { startHall, type Hall } from '../../test/support/approval/fixtures.ts';

const decision = {
  findings: '申请材料', legalBasis: '《建筑工程施工许可管理办法》第四条',
  licence: { name: '建筑工程施工许可证', scope: '1# 楼', validFrom: '2026-12-01', validTo: '2027-11-30' },
};

describe('approval attacks: refused with problem+json, nothing changed', () => {
  let h: Hall;
  const snapshot = async (key: string) => {
    const task = await taskModel(h.t.db).findById(key).lean<TaskDoc>();
    return { state: task!.state, assignee: task!.assignee, rev: task!.rev, history: task!.history.length };
  };
  const timelineLength = async (caseNumber: string) => (await caseModel(h.t.db).findOne({ caseNumber }).lean())!.timeline.length;
  const refused = (res: supertest.Response, status: number, code?: string) => {
    expect(res.status, res.text).to.equal(status);
    expect(res.type).to.equal('application/problem+json');
    if (code) expect(res.body.code).to.equal(code);
  };
  /** A case whose decide step is claimed by `who`. */
  const atDecision = async (who: string) => {
    const caseNumber = await h.newCase();
    const review = await h.atReview(caseNumber);
    await h.as('approver.zjj').post(`/api/tasks/${review.key}/claim`);
    expect((await h.as('approver.zjj').post(`/api/tasks/${review.key}/approve`, {})).status).to.equal(200);
    const decide = await h.taskOf(caseNumber, 'decide');
    expect((await h.as(who).post(`/api/tasks/${decide.key}/claim`)).status).to.equal(200);
    return { caseNumber, key: decide.key };
  };

  before(async function () {
    this.timeout(180_000); // seeds a hall, starts the engine, signs seven users in
    h = await startHall('approval_attacks');
    await h.grant('approver.zjj', ['reviewAndReport', 'decide', 'useSeal']);
    await h.grant('approver2.zjj', ['reviewAndReport']);
    // approver3: decision and seal, but for another matter; and decision without seal for this one
    await h.grant('approver3.zjj', ['decide', 'useSeal'], { matterCodes: ['zjj_ys'] });
    await h.grant('approver3.zjj', ['decide'], { matterCodes: ['zjj_sgxk'] });
  });
  after(() => h?.close());

  it('refuses another department\'s approver every action on a zjj task, and hides it from their lists', async () => {
    const caseNumber = await h.newCase();
    const task = await h.taskOf(caseNumber, 'intakeCheck');
    const before = await snapshot(task.key);
    for (const action of ['claim', 'approve', 'transfer', 'urge']) {
      refused(await h.as('approver.gaj').post(`/api/tasks/${task.key}/${action}`, action === 'transfer' ? { to: 'approver.gaj' } : {}), 404, 'NOT_FOUND');
    }
    refused(await h.as('approver.gaj').get(`/api/tasks/${task.key}`), 404);
    expect((await h.as('approver.gaj').get(`/api/tasks?caseNumber=${caseNumber}`)).body.total).to.equal(0);
    // a window clerk may claim no task at all: the route's guard refuses before looking the task up
    refused(await h.as('clerk').post(`/api/tasks/${task.key}/claim`), 403, 'FORBIDDEN');
    expect(await snapshot(task.key)).to.deep.equal(before);
  });

  it('refuses approval without the decision power (no delegation) and stores no decision', async () => {
    const { caseNumber, key } = await atDecision('approver2.zjj');
    const before = [await snapshot(key), await timelineLength(caseNumber)];
    refused(await h.as('approver2.zjj').post(`/api/tasks/${key}/approve`, { opinion: '同意', decision }), 403, 'DECISION_POWER_REQUIRED');
    refused(await h.as('approver2.zjj').post(`/api/tasks/${key}/reject`, { opinion: '不同意', reasons: ['不符合条件'] }), 403, 'DECISION_POWER_REQUIRED');
    expect([await snapshot(key), await timelineLength(caseNumber)]).to.deep.equal(before);
    expect(await decisionModel(h.t.db).countDocuments({ caseNumber })).to.equal(0);
  });

  it('refuses sealing without the seal-use power, and seal-use outside its matters', async () => {
    const { caseNumber, key } = await atDecision('approver3.zjj');
    const before = await snapshot(key);
    // decide for zjj_sgxk but seal only for zjj_ys
    refused(await h.as('approver3.zjj').post(`/api/tasks/${key}/approve`, { decision }), 403, 'SEAL_NOT_AUTHORISED');
    expect(await snapshot(key)).to.deep.equal(before);
    expect(await sealUseModel(h.t.db).countDocuments({ caseNumber })).to.equal(0);
  });

  it('refuses sealing outside the delegation\'s validity', async () => {
    const { key } = await atDecision('approver.zjj');
    const before = await snapshot(key);
    const saved = h.now();
    // approver.zjj's delegation runs from today to 2099-12-31: a day before it the power does not exist
    h.setNow(new Date(saved.getTime() - 2 * 86_400_000));
    try {
      refused(await h.as('approver.zjj').post(`/api/tasks/${key}/approve`, { decision }), 403, 'DECISION_POWER_REQUIRED');
    } finally {
      h.setNow(saved);
    }
    expect(await snapshot(key)).to.deep.equal(before);
    expect(todayInHall(h.now())).to.equal(todayInHall(saved));
  });

  it('refuses completing a task twice (409), sequentially and at once, and changes nothing the second time', async () => {
    const caseNumber = await h.newCase();
    const task = await h.taskOf(caseNumber, 'intakeCheck');
    await h.as('approver.zjj').post(`/api/tasks/${task.key}/claim`);
    const both = await Promise.all([1, 2].map(() => h.as('approver.zjj').post(`/api/tasks/${task.key}/approve`, { opinion: '同意' })));
    expect(both.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const after = [await snapshot(task.key), await timelineLength(caseNumber)];
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/approve`, { opinion: '同意' }), 409, 'TASK_ALREADY_COMPLETED');
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/reject`, { opinion: '驳回', reasons: ['x'] }), 409, 'TASK_ALREADY_COMPLETED');
    expect([await snapshot(task.key), await timelineLength(caseNumber)]).to.deep.equal(after);
    expect((await h.taskOf(caseNumber, 'review')).key).to.be.a('string');
    expect(await taskModel(h.t.db).countDocuments({ caseNumber, elementId: 'review' })).to.equal(1);
  });

  it('refuses NoSQL operators in list filters and action bodies', async () => {
    const caseNumber = await h.newCase();
    const task = await h.taskOf(caseNumber, 'intakeCheck');
    refused(await h.as('approver.gaj').get('/api/tasks?departmentCode[$ne]=x'), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.gaj').get('/api/tasks?departmentCode=%7B%22%24ne%22%3A1%7D'), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.gaj').get('/api/tasks?list[$gt]='), 400, 'VALIDATION_FAILED');
    await h.as('approver.zjj').post(`/api/tasks/${task.key}/claim`);
    const before = await snapshot(task.key);
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/transfer`, { to: { $ne: null } }), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/cc`, { usernames: [{ $gt: '' }] }), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.zjj').post(`/api/tasks/${encodeURIComponent('{"$gt":""}')}/claim`), 400, 'VALIDATION_FAILED');
    expect(await snapshot(task.key)).to.deep.equal(before);
  });

  it('refuses over-long opinions and a reject or return without one', async () => {
    const caseNumber = await h.newCase();
    const task = await h.taskOf(caseNumber, 'intakeCheck');
    await h.as('approver.zjj').post(`/api/tasks/${task.key}/claim`);
    const before = await snapshot(task.key);
    const long = '意'.repeat(2001);
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/approve`, { opinion: long }), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.zjj').put(`/api/tasks/${task.key}/opinion`, { opinion: long }), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/reject`, { reasons: ['x'] }), 400, 'VALIDATION_FAILED');
    refused(await h.as('approver.zjj').post(`/api/tasks/${task.key}/return-for-correction`, { opinion: ' ', items: [{ material: '图纸', problem: '缺页' }] }), 400);
    expect(await snapshot(task.key)).to.deep.equal(before);
  });

  it('refuses attachments of the wrong type (declared and by magic bytes), PDFs that act and pixel bombs, and stores none', async () => {
    const caseNumber = await h.newCase();
    const task = await h.taskOf(caseNumber, 'intakeCheck');
    const upload = (type: string, data: Buffer) => supertest(h.t.baseUrl).post(`/api/tasks/${task.key}/attachments?name=a.pdf`)
      .set('authorization', `Bearer ${h.token['approver.zjj']}`).set('content-type', type).send(data);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0)]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    refused(await upload('application/pdf', exe), 415, 'ATTACHMENT_TYPE_MISMATCH');
    refused(await upload('application/pdf', png), 415, 'ATTACHMENT_TYPE_MISMATCH');
    refused(await upload('application/x-msdownload', exe), 415, 'ATTACHMENT_TYPE_REFUSED');
    refused(await upload('text/html', Buffer.from('<script>alert(1)</script>')), 415, 'ATTACHMENT_TYPE_REFUSED');
    refused(await upload('application/pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)])), 413, 'ATTACHMENT_TOO_LARGE');
    refused(await upload('application/pdf', hostile.pdfWithScriptInObjectStream), 415, 'ATTACHMENT_ACTIVE_CONTENT');
    refused(await upload('image/png', hostile.pngPixelBomb), 413, 'ATTACHMENT_IMAGE_TOO_LARGE');
    expect(await attachmentModel(h.t.db).countDocuments({ taskKey: task.key })).to.equal(0);
  });
});

import { expect } from 'chai';
import supertest from 'supertest';
import { auditModel } from '../audit/index.ts';
import { issuedDocumentModel, sampleData } from '../documents/index.ts';
import { caseModel } from '../intake/index.ts';
import mongoose from 'mongoose';
import { sealJob } from './index.ts';
import { decisionModel, sealUseModel } from './models.ts';
import { startHall, type Hall } from '../../test/support/approval/fixtures.ts';

const grantDecision = {
  findings: '你单位提交的施工图审查合格书、施工合同及安全生产措施',
  legalBasis: '《建筑工程施工许可管理办法》第四条',
  licence: { name: '建筑工程施工许可证', scope: '中卫市沙坡头区云杉小区 1#–3# 住宅楼', validFrom: '2026-12-01', validTo: '2027-11-30' },
};

describe('task board and approval actions on the real engine and database', () => {
  let h: Hall;
  before(async function () {
    this.timeout(180_000); // seeds a hall, starts the engine, signs seven users in
    h = await startHall('approval_walk');
    await h.grant('approver.zjj', ['reviewAndReport', 'decide', 'useSeal']);
    await h.grant('approver2.zjj', ['reviewAndReport']);
  });
  after(() => h?.close());

  it('walks one case through claim, transfer, add-sign, countersign and approve-with-seal', async () => {
    const caseNumber = await h.newCase();
    // 初审: any approver of the department may take it
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    expect(first).to.include({ departmentCode: 'zjj', matterCode: 'zjj_sgxk', caseNumber, assignee: null });
    expect((await h.as('approver.zjj').post(`/api/tasks/${first.key}/claim`)).status).to.equal(200);
    expect((await h.as('approver.zjj').post(`/api/tasks/${first.key}/approve`, { opinion: '材料齐全' })).body.state).to.equal('completed');

    // 审查: shows in the group list of every zjj approver, not of gaj's
    const review = await h.taskOf(caseNumber, 'review');
    const groups = await h.as('approver2.zjj').get('/api/tasks?list=groups');
    expect(groups.body.items.map((x: { key: string }) => x.key)).to.include(review.key);
    expect((await h.as('approver.gaj').get('/api/tasks?list=groups')).body.items.map((x: { key: string }) => x.key)).to.not.include(review.key);

    // claim, then 转办 to a colleague
    expect((await h.as('approver2.zjj').post(`/api/tasks/${review.key}/claim`)).body.assignee).to.equal('approver2.zjj');
    const transferred = await h.as('approver2.zjj').post(`/api/tasks/${review.key}/transfer`, { to: 'approver.zjj', opinion: '请张强审查' });
    expect(transferred.status, transferred.text).to.equal(200);
    expect((await h.as('approver.zjj').get('/api/tasks?list=mine')).body.items.map((x: { key: string }) => x.key)).to.include(review.key);

    // 加签 before: the step cannot complete until the signer agrees
    const added = await h.as('approver.zjj').post(`/api/tasks/${review.key}/signers`, { usernames: ['approver2.zjj'], position: 'before' });
    expect(added.status, added.text).to.equal(200);
    const early = await h.as('approver.zjj').post(`/api/tasks/${review.key}/approve`, { opinion: '同意' });
    expect(early.status).to.equal(409);
    expect(early.body.code).to.equal('SIGNATURES_PENDING');
    const signature = added.body.signatures[0].key;
    expect((await h.as('approver2.zjj').post(`/api/tasks/${signature}/approve`, { opinion: '同意加签意见' })).status).to.equal(200);
    const reviewed = await h.as('approver.zjj').post(`/api/tasks/${review.key}/approve`, { opinion: '经审查符合条件' });
    expect(reviewed.status, reviewed.text).to.equal(200);

    // 审批决定 with 会签 of two colleagues, then approve with the seal
    const decide = await h.taskOf(caseNumber, 'decide');
    expect(decide).to.include({ sealRequired: true, authority: 'decide' });
    await h.as('approver.zjj').post(`/api/tasks/${decide.key}/claim`);
    const countersign = await h.as('approver.zjj').post(`/api/tasks/${decide.key}/signers`, { usernames: ['approver2.zjj', 'approver3.zjj'], mode: 'all' });
    expect(countersign.status, countersign.text).to.equal(200);
    for (const [i, who] of ['approver2.zjj', 'approver3.zjj'].entries()) {
      const signed = await h.as(who).post(`/api/tasks/${countersign.body.signatures[i].key}/approve`, { opinion: '会签同意' });
      expect(signed.status, signed.text).to.equal(200);
    }
    const approved = await h.as('approver.zjj').post(`/api/tasks/${decide.key}/approve`, { opinion: '准予许可', decision: grantDecision });
    expect(approved.status, approved.text).to.equal(200);
    expect(approved.body.state).to.equal('completed');

    // the seal job issued one sealed 准予行政许可决定书 and logged the use (its last step is the audit record)
    for (let i = 0; i < 400 && !(await auditModel(h.t.db).exists({ action: 'seal.use', 'data.caseNumber': caseNumber })); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const use = await sealUseModel(h.t.db).findOne({ caseNumber }).lean();
    expect(use, 'seal use logged').to.not.equal(null);
    expect(use).to.include({ username: 'approver.zjj', documentKind: 'licenceGrant', matterCode: 'zjj_sgxk' });
    expect(use!.delegationId).to.match(/^[a-f0-9]{24}$/);
    const doc = await issuedDocumentModel(h.t.db).findById(use!.documentId).lean();
    expect(doc?.kind).to.equal('licenceGrant');
    const caseDoc = await caseModel(h.t.db).findOne({ caseNumber }).lean();
    const types = caseDoc!.timeline.map((e) => e.type);
    for (const type of ['approval.claimed', 'approval.transferred', 'approval.signersAdded', 'approval.signed', 'approval.approved', 'approval.sealed']) expect(types).to.include(type);
    expect(caseDoc!.documents.map((d) => d.kind)).to.include('licenceGrant');
    expect(await auditModel(h.t.db).countDocuments({ action: 'seal.use', 'data.caseNumber': caseNumber })).to.equal(1);
  });

  it('seals once when the seal job is delivered again, and refuses a second seal use of a document', async () => {
    const decisionDoc = await decisionModel(h.t.db).findOne({ kind: 'grant', documentId: mongoose.trusted({ $exists: true }) }).lean();
    const { authority, documents, trail } = h.t.services;
    const seal = sealJob.bind({ db: h.t.db, authority, documents, trail });
    const job = {
      key: 'redelivered', type: 'seal', processInstanceKey: 'x', processId: 'approval-walk', processVersion: 1, elementId: 'sealGrant',
      elementInstanceKey: 'y', retries: 3, customHeaders: { document: 'decision' }, variables: { decisionId: decisionDoc!._id },
    };
    const documentsBefore = await issuedDocumentModel(h.t.db).countDocuments({});
    const again = await seal(job);
    expect(again).to.deep.equal({ outcome: 'complete', variables: { sealedDocumentId: decisionDoc!.documentId } });
    expect(await issuedDocumentModel(h.t.db).countDocuments({})).to.equal(documentsBefore);
    expect(await sealUseModel(h.t.db).countDocuments({ decisionId: decisionDoc!._id })).to.equal(1);
    const use = await sealUseModel(h.t.db).findOne({ decisionId: decisionDoc!._id }).lean();
    let duplicate: unknown;
    try {
      await sealUseModel(h.t.db).create({ ...use, _id: undefined, decisionId: 'another' });
    } catch (error) {
      duplicate = error;
    }
    expect((duplicate as { code?: number }).code).to.equal(11000);
    const wrongKind = await seal({ ...job, customHeaders: { document: 'refusalDecision' }, variables: { decisionId: 'd-missing' } });
    expect(wrongKind.outcome).to.equal('fail');
  });

  it('finishes a seal that a killed delivery began: the decision on the case and the seal use in the audit trail, each once', async () => {
    const sealed = await decisionModel(h.t.db).findOne({ kind: 'grant', documentId: mongoose.trusted({ $exists: true }) }).lean();
    const { authority, documents, trail } = h.t.services;
    const seal = sealJob.bind({ db: h.t.db, authority, documents, trail });
    // given a decision whose seal job died after issuing the document and writing the seal use
    const { _id: _old, documentId: _d, verificationCode: _v, ...rest } = sealed!;
    const decisionId = `${sealed!._id}-midway`;
    await decisionModel(h.t.db).create({ ...rest, _id: decisionId, documentNumber: '卫审批许字〔2026〕第9001号' });
    const issued = await documents.issue({ kind: 'licenceGrant', data: sampleData('licenceGrant'), ref: { caseNumber: sealed!.caseNumber }, issuedBy: 'approver.zjj', once: `seal:${decisionId}` });
    await sealUseModel(h.t.db).create({
      decisionId, documentId: issued.documentId, documentKind: 'licenceGrant', documentNumber: '卫审批许字〔2026〕第9001号', caseNumber: sealed!.caseNumber,
      departmentCode: sealed!.departmentCode, matterCode: sealed!.matterCode, userId: sealed!.decidedBy.userId, username: sealed!.decidedBy.username, delegationId: sealed!.sealDelegationId, at: new Date(),
    });
    const job = {
      key: 'after-crash', type: 'seal', processInstanceKey: 'x', processId: 'approval-walk', processVersion: 1, elementId: 'sealGrant',
      elementInstanceKey: 'y', retries: 3, customHeaders: { document: 'decision' }, variables: { decisionId },
    };
    // when the job is delivered again, twice
    expect(await seal(job)).to.deep.equal({ outcome: 'complete', variables: { sealedDocumentId: issued.documentId } });
    expect(await seal(job)).to.deep.equal({ outcome: 'complete', variables: { sealedDocumentId: issued.documentId } });
    // then the case carries the sealed decision once, the trail the seal use once, and the decision is marked sealed
    const caseDoc = await caseModel(h.t.db).findOne({ caseNumber: sealed!.caseNumber }).lean();
    expect(caseDoc!.documents.filter((d) => d.documentId === issued.documentId)).to.have.length(1);
    expect(caseDoc!.timeline.filter((e) => e.type === 'approval.sealed' && e.data?.documentId === issued.documentId)).to.have.length(1);
    expect(await auditModel(h.t.db).countDocuments({ action: 'seal.use', 'data.decisionId': decisionId })).to.equal(1);
    expect(await sealUseModel(h.t.db).countDocuments({ decisionId })).to.equal(1);
    expect((await decisionModel(h.t.db).findById(decisionId).lean())!.documentId).to.equal(issued.documentId);
  });

  it('completes and records once, at the next start, an approval saved by a server that died before telling the engine', async () => {
    const caseNumber = await h.newCase();
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    await h.as('approver.zjj').post(`/api/tasks/${first.key}/claim`);
    // given the state a server killed right after saving the approval leaves (the engine never heard of it)
    const tasks = h.t.services.board!.tasks;
    const task = (await tasks.findById(first.key).lean())!;
    const completion = {
      id: `${first.key}:approved:${task.rev}`, outcome: 'approved', by: { userId: h.ids['approver.zjj'], username: 'approver.zjj' }, at: new Date(),
      data: { opinion: '同意' }, variables: { reviewOutcome: 'approve', opinion: '同意' },
    };
    await tasks.updateOne({ _id: first.key }, { $set: { state: 'completing', outcome: 'approved', completedBy: 'approver.zjj', completion }, $inc: { rev: 1 } });
    // when the next start takes it up (and a start after that, which changes nothing)
    await h.t.services.recoverCompletions!();
    await h.t.services.recoverCompletions!();
    // then the process moved on, the task is completed, and the approval is recorded once everywhere
    await h.taskOf(caseNumber, 'review');
    const done = (await tasks.findById(first.key).lean())!;
    expect(done.state).to.equal('completed');
    expect(done.history.filter((e) => e.type === 'approved')).to.have.length(1);
    const caseDoc = (await caseModel(h.t.db).findOne({ caseNumber }).lean())!;
    expect(caseDoc.timeline.filter((e) => e.type === 'approval.approved' && e.data?.taskKey === first.key)).to.have.length(1);
    expect(await auditModel(h.t.db).countDocuments({ action: 'task.approved', 'subject.id': first.key })).to.equal(1);
    // and a retry by the approver is told the step is done
    expect((await h.as('approver.zjj').post(`/api/tasks/${first.key}/approve`, {})).body.code).to.equal('TASK_ALREADY_COMPLETED');
  });

  it('counts each list and filters by matter and department', async () => {
    const caseNumber = await h.newCase();
    await h.taskOf(caseNumber, 'intakeCheck');
    const counts = await h.as('approver2.zjj').get('/api/tasks/counts');
    expect(counts.status).to.equal(200);
    expect(counts.body.groups).to.be.greaterThan(0);
    expect(Object.keys(counts.body)).to.have.members(['all', 'mine', 'groups', 'dueSoon', 'overdue', 'done', 'cc']);
    expect((await h.as('approver2.zjj').get('/api/tasks?matterCode=zjj_sgxk')).body.total).to.be.greaterThan(0);
    expect((await h.as('approver2.zjj').get('/api/tasks?departmentCode=gaj')).body.total).to.equal(0);
    expect((await h.as('approver.gaj').get('/api/tasks/counts')).body.all).to.equal(0);
  });

  it('rejects with reasons: issues a sealed 不予行政许可决定书', async () => {
    const caseNumber = await h.newCase();
    const review = await h.atReview(caseNumber);
    await h.as('approver.zjj').post(`/api/tasks/${review.key}/claim`);
    const rejected = await h.as('approver.zjj').post(`/api/tasks/${review.key}/reject`, { opinion: '不符合条件', reasons: ['施工图未经审查合格'] });
    expect(rejected.status, rejected.text).to.equal(200);
    let use = null;
    for (let i = 0; i < 400 && !use; i++) {
      use = await sealUseModel(h.t.db).findOne({ caseNumber }).lean();
      if (!use) await new Promise((r) => setTimeout(r, 50));
    }
    expect(use?.documentKind).to.equal('licenceRefusal');
  });

  it('returns for correction and to an earlier step with an opinion, and delegates and resolves', async () => {
    const caseNumber = await h.newCase();
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    await h.as('approver.zjj').post(`/api/tasks/${first.key}/claim`);
    const delegated = await h.as('approver.zjj').post(`/api/tasks/${first.key}/delegate`, { to: 'approver3.zjj' });
    expect(delegated.body).to.deep.equal({ assignee: 'approver3.zjj', owner: 'approver.zjj' });
    const byDelegate = await h.as('approver3.zjj').post(`/api/tasks/${first.key}/approve`, {});
    expect(byDelegate.body.code).to.equal('TASK_DELEGATED');
    expect((await h.as('approver3.zjj').post(`/api/tasks/${first.key}/resolve`, { opinion: '已核对' })).body.assignee).to.equal('approver.zjj');
    await h.as('approver.zjj').post(`/api/tasks/${first.key}/approve`, {});

    const review = await h.taskOf(caseNumber, 'review');
    await h.as('approver.zjj').post(`/api/tasks/${review.key}/claim`);
    const noOpinion = await h.as('approver.zjj').post(`/api/tasks/${review.key}/return`, { step: 'intakeCheck' });
    expect(noOpinion.status).to.equal(400);
    const wrongStep = await h.as('approver.zjj').post(`/api/tasks/${review.key}/return`, { step: 'decide', opinion: '退回' });
    expect(wrongStep.body.code).to.equal('RETURN_NOT_MODELLED');
    const back = await h.as('approver.zjj').post(`/api/tasks/${review.key}/return`, { step: 'intakeCheck', opinion: '初审意见不完整' });
    expect(back.status, back.text).to.equal(200);
    const timeline = (await caseModel(h.t.db).findOne({ caseNumber }).lean())!.timeline;
    expect(timeline.find((e) => e.type === 'approval.returned')?.data).to.include({ step: 'review', returnTo: 'intakeCheck' });
  });

  it('urges (director) and copies (抄送) to a colleague, who then sees it under cc', async () => {
    const caseNumber = await h.newCase();
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    await h.as('approver.zjj').post(`/api/tasks/${first.key}/claim`);
    expect((await h.as('director').post(`/api/tasks/${first.key}/urge`, { note: '请尽快办理' })).body.urged).to.equal(1);
    expect((await h.as('approver2.zjj').post(`/api/tasks/${first.key}/urge`, {})).status).to.equal(403);
    const cc = await h.as('approver.zjj').post(`/api/tasks/${first.key}/cc`, { usernames: ['approver3.zjj'] });
    expect(cc.status, cc.text).to.equal(200);
    expect((await h.as('approver3.zjj').get('/api/tasks?list=cc')).body.items.map((x: { key: string }) => x.key)).to.include(first.key);
    expect((await h.as('approver.zjj').post(`/api/tasks/${first.key}/cc`, { usernames: ['approver.gaj'] })).body.code).to.equal('USER_CANNOT_TAKE_TASK');
  });

  it('stores a PDF attachment checked by its magic bytes', async () => {
    const caseNumber = await h.newCase();
    const first = await h.taskOf(caseNumber, 'intakeCheck');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
    const res = await supertest(h.t.baseUrl).post(`/api/tasks/${first.key}/attachments?name=${encodeURIComponent('现场照片.pdf')}`)
      .set('authorization', `Bearer ${h.token['approver.zjj']}`).set('content-type', 'application/pdf').send(pdf);
    expect(res.status, res.text).to.equal(201);
    const list = await h.as('approver.zjj').get(`/api/tasks/${first.key}/attachments`);
    expect(list.body.items[0]).to.include({ name: '现场照片.pdf', type: 'application/pdf', size: pdf.length });
    const back = await h.as('approver.zjj').get(`/api/tasks/${first.key}/attachments/${res.body.id}`).buffer(true);
    expect(Buffer.compare(back.body as Buffer, pdf)).to.equal(0);
  });
});

import { expect } from 'chai';
import { createEngine } from '../../engine/factory.ts';
import type { WorkflowEngine } from '../../engine/index.ts';
import { startTestApp, testDatabase, type TestApp } from '../../../test/support.ts';
import { processVersionModel } from '../model.ts';
import { bpmnDocument, receiveAndReview, withIsland } from '../../../test/support/processes/fixtures.ts';
import { processDraftModel } from './model.ts';

const notifyStep = receiveAndReview
  .replace('<bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>', '<bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask><bpmn:serviceTask id="notifyDone" name="通知"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /><zeebe:taskHeaders><zeebe:header key="template" value="decided" /></zeebe:taskHeaders></bpmn:extensionElements><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>')
  .replace('<bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>', '<bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>')
  .replace('<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />', '<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="notifyDone" /><bpmn:sequenceFlow id="f4" sourceRef="notifyDone" targetRef="end" />');

/** Drafts, review and rollback on the real app, database and embedded engine, with real signed tokens. */
describe('process drafts: submit, review by someone else, publish, roll back', function () {
  this.timeout(60_000);
  let t: TestApp;
  let engine: WorkflowEngine;
  const token: Record<string, string> = {};
  const as = (who: string) => ({
    get: (path: string) => t.http.get(path).auth(token[who], { type: 'bearer' }),
    post: (path: string, body: object) => t.http.post(path).auth(token[who], { type: 'bearer' }).send(body),
    put: (path: string, body: object) => t.http.put(path).auth(token[who], { type: 'bearer' }).send(body),
  });
  const versions = (processId: string) => processVersionModel(t.db).find({ processId }).sort({ version: 1 }).lean();

  before(async () => {
    const engineDb = await testDatabase('drafts_engine');
    engine = createEngine({ db: engineDb });
    await engine.start();
    t = await startTestApp('drafts', { processes: { engine } });
    for (const name of ['admin.zjj', 'designer', 'sysadmin', 'clerk']) token[name] = await t.signIn(name);
    token['admin.gaj'] = await t.tokens.sign({ userId: 'u-admin-gaj', username: 'admin.gaj', roles: ['departmentAdmin'], departmentCode: 'gaj' });
    token['admin2.zjj'] = await t.tokens.sign({ userId: 'u-admin2-zjj', username: 'admin2.zjj', roles: ['departmentAdmin'], departmentCode: 'zjj' });
    const close = t.close;
    t.close = async () => { await engine.stop(); await close(); await engineDb.dropDatabase(); await engineDb.close(); };
  });
  after(() => t.close());

  let draftId: string;

  it('lets a department admin save a draft of the own department\'s process, and no one else\'s', async () => {
    const res = await as('admin.zjj').post('/api/process-drafts', { xml: bpmnDocument('zjj-permit', receiveAndReview, { name: '施工许可' }) });
    expect(res.status, res.text).to.equal(201);
    expect(res.body).to.include({ processId: 'zjj-permit', name: '施工许可', departmentCode: 'zjj', status: 'draft', authorId: res.body.author.userId });
    draftId = res.body._id;
    const other = await as('admin.zjj').post('/api/process-drafts', { xml: bpmnDocument('gaj-permit', receiveAndReview) });
    expect(other.status).to.equal(403);
    expect(other.body.code).to.equal('PROCESS_OUT_OF_SCOPE');
    const clerk = await as('clerk').post('/api/process-drafts', { xml: bpmnDocument('zjj-permit', receiveAndReview) });
    expect(clerk.status).to.equal(403);
    expect(await processDraftModel(t.db).countDocuments()).to.equal(1);
  });

  it('does not let an admin of 住建 open, list or change a draft of 公安', async () => {
    const gaj = await as('admin.gaj').post('/api/process-drafts', { xml: bpmnDocument('gaj-id-card', receiveAndReview) });
    expect(gaj.status, gaj.text).to.equal(201);
    const open = await as('admin.zjj').get(`/api/process-drafts/${gaj.body._id}`);
    expect(open.status).to.equal(403);
    expect(open.type).to.equal('application/problem+json');
    const change = await as('admin.zjj').put(`/api/process-drafts/${gaj.body._id}`, { xml: bpmnDocument('gaj-id-card', receiveAndReview) });
    expect(change.status).to.equal(403);
    const list = await as('admin.zjj').get('/api/process-drafts');
    expect(list.body.items.map((d: { processId: string }) => d.processId)).to.deep.equal(['zjj-permit']);
    expect((await as('designer').get('/api/process-drafts')).body.items).to.have.length(2);
  });

  it('refuses bad BPMN in a draft with problem+json and stores nothing new', async () => {
    const entity = await as('admin.zjj').put(`/api/process-drafts/${draftId}`, { xml: `<!DOCTYPE x [<!ENTITY a "b">]>${bpmnDocument('zjj-permit', receiveAndReview)}` });
    expect(entity.status).to.equal(400);
    expect(entity.body.code).to.equal('BPMN_DOCTYPE_FORBIDDEN');
    const malformed = await as('admin.zjj').put(`/api/process-drafts/${draftId}`, { xml: '<bpmn:definitions' });
    expect(malformed.body.code).to.equal('BPMN_MALFORMED');
    const renamed = await as('admin.zjj').put(`/api/process-drafts/${draftId}`, { xml: bpmnDocument('zjj-other', receiveAndReview) });
    expect(renamed.status).to.equal(422);
    expect(renamed.body.fields[0].field).to.equal('zjj-other');
    expect((await processDraftModel(t.db).findById(draftId).lean())!.history).to.have.length(1);
  });

  it('refuses to submit a draft that fails the dry run, naming the elements, and leaves it a draft', async () => {
    expect((await as('admin.zjj').put(`/api/process-drafts/${draftId}`, { xml: bpmnDocument('zjj-permit', withIsland) })).status).to.equal(200);
    const noComment = await as('admin.zjj').post(`/api/process-drafts/${draftId}/submit`, {});
    expect(noComment.status).to.equal(400);
    expect(noComment.body.fields[0].field).to.equal('body.comment');
    const res = await as('admin.zjj').post(`/api/process-drafts/${draftId}/submit`, { comment: '新增环节' });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('BPMN_INVALID');
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.include.members(['island', 'island2']);
    expect((await as('admin.zjj').get(`/api/process-drafts/${draftId}`)).body.status).to.equal('draft');
  });

  it('submits a passing draft; its author cannot publish it (forced request), nothing is deployed', async () => {
    await as('admin.zjj').put(`/api/process-drafts/${draftId}`, { xml: bpmnDocument('zjj-permit', receiveAndReview) });
    const submitted = await as('admin.zjj').post(`/api/process-drafts/${draftId}/submit`, { comment: '住建施工许可流程上线' });
    expect(submitted.status, submitted.text).to.equal(200);
    expect(submitted.body.status).to.equal('submitted');
    const own = await as('admin.zjj').post(`/api/process-drafts/${draftId}/publish`, { comment: '自己发布' });
    expect(own.status).to.equal(403);
    expect(own.body.code).to.equal('FORBIDDEN');
    expect(await versions('zjj-permit')).to.deep.equal([]);
    const locked = await as('admin.zjj').put(`/api/process-drafts/${draftId}`, { xml: bpmnDocument('zjj-permit', receiveAndReview) });
    expect(locked.status).to.equal(409);
  });

  it('lets a designer publish it after review: version 1 with author, reviewer, comment and what it added', async () => {
    const res = await as('designer').post(`/api/process-drafts/${draftId}/publish`, { comment: '审核通过' });
    expect(res.status, res.text).to.equal(200);
    expect(res.body.processes[0]).to.include({ processId: 'zjj-permit', version: 1 });
    const [v1] = await versions('zjj-permit');
    expect(v1.author.username).to.equal('admin.zjj');
    expect(v1.publishedBy!.username).to.equal('designer');
    expect(v1.comment).to.equal('审核通过');
    expect(v1.changes!.added).to.include.members(['start', 'receive', 'review', 'end']);
    const again = await as('designer').post(`/api/process-drafts/${draftId}/publish`, { comment: '再发一次' });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('DRAFT_WRONG_STATUS');
    const draft = await as('admin.zjj').get(`/api/process-drafts/${draftId}`);
    expect(draft.body.history.map((e: { action: string }) => e.action)).to.deep.equal(['save', 'save', 'save', 'submit', 'publish']);
    const audit = await t.db.collection('audit_records').find({ action: { $in: ['process.submit', 'process.publish'] } }).toArray();
    expect(audit.map((a) => a.action)).to.deep.equal(['process.submit', 'process.publish']);
  });

  it('lets a second admin of the department review a colleague\'s change; version 2 lists the added step', async () => {
    const created = await as('admin.zjj').post('/api/process-drafts', { xml: bpmnDocument('zjj-permit', notifyStep) });
    await as('admin.zjj').post(`/api/process-drafts/${created.body._id}/submit`, { comment: '办结后通知申请人' });
    const rejected = await as('admin2.zjj').post(`/api/process-drafts/${created.body._id}/reject`, { comment: '请补充说明' });
    expect(rejected.body.status).to.equal('rejected');
    await as('admin.zjj').post(`/api/process-drafts/${created.body._id}/submit`, { comment: '已补充说明' });
    const res = await as('admin2.zjj').post(`/api/process-drafts/${created.body._id}/publish`, { comment: '同意上线' });
    expect(res.status, res.text).to.equal(200);
    const [, v2] = await versions('zjj-permit');
    expect(v2.changes).to.deep.include({ added: ['notifyDone', 'f4'], removed: [] });
    expect(v2.changes!.changed, 'the flow now leads to 通知').to.deep.equal(['f3']);
  });

  it('rolls back: publishes version 1 again as version 3, with the comment, and refuses another department', async () => {
    const gaj = await as('admin.gaj').post('/api/processes/zjj-permit/versions/1/rollback', { comment: '回退' });
    expect(gaj.status).to.equal(403);
    const res = await as('designer').post('/api/processes/zjj-permit/versions/1/rollback', { comment: '通知模板有误，回退到第 1 版' });
    expect(res.status, res.text).to.equal(201);
    const all = await versions('zjj-permit');
    expect(all.map((v) => v.version)).to.deep.equal([1, 2, 3]);
    expect(all[2]).to.include({ rollbackOf: 1, comment: '通知模板有误，回退到第 1 版', xml: all[0].xml });
    expect(all[2].changes!.removed).to.deep.equal(['notifyDone', 'f4']);
    const started = await engine.startInstance({ processId: 'zjj-permit', variables: { caseId: 'RB-1' } });
    expect(started.version).to.equal(3);
  });

  it('lets the system admin publish a draft of their own', async () => {
    const created = await as('sysadmin').post('/api/process-drafts', { xml: bpmnDocument('hall-notice', receiveAndReview) });
    await as('sysadmin').post(`/api/process-drafts/${created.body._id}/submit`, { comment: '全厅通用' });
    const res = await as('sysadmin').post(`/api/process-drafts/${created.body._id}/publish`, { comment: '紧急上线' });
    expect(res.status, res.text).to.equal(200);
  });

  it('runs the checks without publishing for the modeler (校验), naming each element', async () => {
    const res = await as('designer').post('/api/processes/checks', { xml: bpmnDocument('zjj-check', withIsland) });
    expect(res.status).to.equal(200);
    expect(res.body.ok).to.equal(false);
    expect(res.body.problems.map((p: { field: string }) => p.field)).to.include('island');
    expect((await as('clerk').post('/api/processes/checks', { xml: bpmnDocument('zjj-check', withIsland) })).status).to.equal(403);
    expect(await versions('zjj-check')).to.deep.equal([]);
  });
});

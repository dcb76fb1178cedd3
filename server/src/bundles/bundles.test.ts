import { expect } from 'chai';
import type { EngineEvent } from '../engine/index.ts';
import { certificateModel } from '../issuing/index.ts';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, approverWithPowers, eventually, openTask, type Actor } from '../../test/e2e/steps.ts';
import { decide } from '../../test/support/bundles/fixtures.ts';
import { bundleModels } from './models.ts';

/**
 * 一件事一次办 over the whole hall (embedded engine, shipped workflows, Chromium documents): a bundle
 * proposed by the lead department's admin and published by the system admin, received once at the
 * desk, its members decided in parallel by their own departments, issued together.
 */
describe('bundled matters (一件事一次办)', function () {
  this.timeout(240_000);
  let t: TestHall;
  let clerk: Actor;
  const ended: EngineEvent[] = [];
  const applicant = { kind: 'organisation', name: '中卫市沙坡头区云杉餐饮有限公司', uscc: '1164050064050037XR' };
  const contact = { name: '马文静', phone: '13995012866' };
  const proposal = {
    code: 'food-shop', nameZh: '开办小餐馆', nameEn: 'Open a small eatery', leadDepartmentCode: 'scj',
    members: ['scj_sp', 'wjw_ggcs', 'tax_xe'], promisedDays: 8,
    sameAs: [{ name: '卫生与食品安全管理制度', materials: [{ matterCode: 'scj_sp', material: '食品安全自查、从业人员健康管理、进货查验记录等规章制度' }, { matterCode: 'wjw_ggcs', material: '卫生管理制度' }] }],
    form: [{ key: 'premises', label: '经营场所地址', required: true }],
  };

  before(async () => {
    t = await startHall('bundles');
    t.hall.engine.onEvent((event) => { if (event.processId === 'bundle' && event.elementType === 'process' && event.intent === 'completed') ended.push(event); });
    clerk = actorOf(t, await t.signIn('clerk'));
  });
  after(() => t?.close());

  const receiveBody = async (decision: object = { outcome: 'accept' }) => {
    const definition = (await clerk.get('/api/bundles/definitions/food-shop')).body as { materials: Array<{ name: string }> };
    return { definitionCode: 'food-shop', applicant, contact, form: { premises: '中卫市沙坡头区文昌南街 18 号' }, materials: definition.materials.map((m) => ({ name: m.name, provided: true })), decision };
  };
  const bundleOf = async (bundleNumber: string, state?: (b: Bundle) => boolean) => eventually(async () => {
    const body = (await clerk.get(`/api/bundles/${bundleNumber}`)).body as Bundle;
    return !state || state(body) ? body : undefined;
  }, `bundle ${bundleNumber} in the awaited state`);

  it('ships four seeded bundles whose merged lists ask a material two members need once', async () => {
    const { items } = (await clerk.get('/api/bundles/definitions')).body as { items: Array<{ code: string; status: string; materials: Array<{ name: string; sources: unknown[] }> }> };
    expect(items.map((d) => d.code)).to.include.members(['open-restaurant', 'housing-project-start', 'open-company', 'open-sole-trader']);
    const restaurant = items.find((d) => d.code === 'open-restaurant')!;
    expect(restaurant.status).to.equal('published');
    expect(restaurant.materials.filter((m) => m.name === '营业执照')).to.have.length(1);
    expect(restaurant.materials.find((m) => m.name === '营业执照')!.sources).to.have.length(2);
    expect(restaurant.materials.find((m) => m.name === '法定代表人身份证明')!.sources).to.have.length(2);
  });

  it('refuses a proposal with a member of a department outside the lead department\'s back offices, storing nothing', async () => {
    const admin = (await approverWithPowers(t, 'scj', ['reviewAndReport', 'decide', 'useSeal']), actorOf(t, await t.signIn('admin.scj')));
    const before = await bundleModels(t.hall.services.intake!.cases.db).definitions.countDocuments();
    const res = await admin.post('/api/bundles/definitions', { ...proposal, code: 'food-and-building', members: ['scj_sp', 'zjj_sgxk'], sameAs: [], promisedDays: 5 });
    expect(res.status, res.text).to.equal(403);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.include({ code: 'BUNDLE_MEMBER_NOT_PROPOSABLE' });
    expect(res.body.errors ?? res.body.fields ?? res.body.invalidParams).to.satisfy((f: Array<{ field?: string; name?: string }>) => JSON.stringify(f).includes('body.members.1'));
    expect(await bundleModels(t.hall.services.intake!.cases.db).definitions.countDocuments()).to.equal(before);
    // and another department's admin may not propose for scj at all
    await approverWithPowers(t, 'wjw', ['reviewAndReport', 'decide', 'useSeal']);
    const foreign = await actorOf(t, await t.signIn('admin.wjw')).post('/api/bundles/definitions', proposal);
    expect(foreign.status, foreign.text).to.equal(403);
  });

  it('is proposed by the lead department\'s admin and published by the system admin, not received before', async () => {
    const admin = actorOf(t, await t.signIn('admin.scj'));
    const proposed = await admin.post('/api/bundles/definitions', proposal);
    expect(proposed.status, proposed.text).to.equal(201);
    expect(proposed.body.status).to.equal('proposed');
    expect(proposed.body.materials).to.have.length(5 + 5 + 3 - 1);
    expect((await clerk.get('/api/bundles/definitions/food-shop')).status).to.equal(404);
    const early = await clerk.post('/api/bundles', {
      definitionCode: 'food-shop', applicant, contact, form: { premises: '文昌南街 18 号' }, decision: { outcome: 'accept' },
      materials: proposed.body.materials.map((m: { name: string }) => ({ name: m.name, provided: true })),
    });
    expect(early.status, early.text).to.equal(422);
    expect(early.body.code).to.equal('BUNDLE_NOT_PUBLISHED');
    expect((await admin.post('/api/bundles/definitions/food-shop/publish')).status).to.equal(403);
    const published = await actorOf(t, await t.signIn('sysadmin')).post('/api/bundles/definitions/food-shop/publish');
    expect(published.status, published.text).to.equal(200);
    expect(published.body.status).to.equal('published');
  });

  it('refuses a receipt with a member\'s required material missing, creating no case', async () => {
    const cases = await t.hall.services.intake!.cases.countDocuments();
    const body = await receiveBody();
    body.materials = body.materials.map((m) => (m.name === '卫生与食品安全管理制度' ? { ...m, provided: false } : m));
    const res = await clerk.post('/api/bundles', body);
    expect(res.status, res.text).to.equal(422);
    expect(res.body.code).to.equal('REQUIRED_MATERIALS_MISSING');
    expect(JSON.stringify(res.body)).to.include('body.members.scj_sp.materials');
    expect(await t.hall.services.intake!.cases.countDocuments()).to.equal(cases);
    expect(await bundleModels(t.hall.services.intake!.cases.db).cases.countDocuments()).to.equal(0);
  });

  it('receives once, decides members in parallel (a correction pauses one, a refusal blocks none), completes when all are decided and issues together', async () => {
    const received = await clerk.post('/api/bundles', await receiveBody());
    expect(received.status, received.text).to.equal(201);
    const bundle = received.body as Bundle;
    expect(bundle.bundleNumber).to.match(/^YJ\d{8}-\d{4}$/);
    expect(bundle.receipt?.verificationCode).to.match(/^[0-9A-Z]{10}$/);
    expect(bundle.members.map((m) => m.caseNumber)).to.have.length(3).and.to.satisfy((n: string[]) => n.every(Boolean));
    const [food, hygiene, tax] = bundle.members;
    // each member case holds the merged material once, under its own name, as provided
    const foodCase = (await clerk.get(`/api/cases/${food.caseNumber}`)).body;
    const hygieneCase = (await clerk.get(`/api/cases/${hygiene.caseNumber}`)).body;
    expect(foodCase.status).to.equal('accepted');
    expect(foodCase.materials.filter((m: { name: string }) => m.name === '食品安全自查、从业人员健康管理、进货查验记录等规章制度')).to.deep.equal([{ name: '食品安全自查、从业人员健康管理、进货查验记录等规章制度', required: true, pendingAllowed: true, provided: true }]);
    expect(hygieneCase.materials.filter((m: { name: string; provided: boolean }) => m.name === '卫生管理制度' && m.provided)).to.have.length(1);

    const scj = actorOf(t, await t.signIn('approver.scj'));
    const wjw = actorOf(t, await t.signIn('approver.wjw'));
    const taxApprover = await approverWithPowers(t, 'tax', ['reviewAndReport', 'decide', 'useSeal']);

    // 公共场所卫生许可 returned for correction: only that member pauses
    const hygieneReview = await openTask(wjw, hygiene.caseNumber!, 'review');
    await wjw.post(`/api/tasks/${hygieneReview.key}/claim`);
    const returned = await wjw.post(`/api/tasks/${hygieneReview.key}/return-for-correction`, { opinion: '平面图不清晰', items: [{ material: '公共场所地址方位示意图、平面图和卫生设施平面布局图', problem: '卫生设施位置未标注' }] });
    expect(returned.status, returned.text).to.equal(200);
    const paused = await bundleOf(bundle.bundleNumber, (b) => b.members[1].state === 'paused');
    expect(paused.members[0].state).to.equal('inProgress');
    expect(paused.members[2].state).to.equal('inProgress');
    expect((await clerk.get(`/api/cases/${food.caseNumber}`)).body.pauses).to.deep.equal([]);

    // the tax member is refused; food safety granted — the bundle still waits for the paused member
    await decide(taxApprover, tax.caseNumber!, 'refuse');
    await decide(scj, food.caseNumber!, 'grant');
    const waiting = await bundleOf(bundle.bundleNumber, (b) => b.members[0].state === 'decided' && b.members[2].outcome === 'refused');
    expect(waiting.stage).to.equal('inProgress');
    const issuer = actorOf(t, await t.signIn('issuer'));
    const early = await issuer.post(`/api/bundles/${bundle.bundleNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
    expect(early.status, early.text).to.be.oneOf([404, 409]);

    // the corrected plan comes back; the member is reviewed again and granted
    expect((await clerk.post(`/api/cases/${hygiene.caseNumber}/resubmissions`, { kind: 'correction' })).status).to.equal(200);
    await decide(wjw, hygiene.caseNumber!, 'grant');
    const ready = await bundleOf(bundle.bundleNumber, (b) => b.stage === 'issuing');
    expect(ready.members.map((m) => m.outcome)).to.deep.equal(['granted', 'granted', 'refused']);
    await openTask(issuer, food.caseNumber!, 'handOver');
    await openTask(issuer, hygiene.caseNumber!, 'handOver');

    const handed = await issuer.post(`/api/bundles/${bundle.bundleNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
    expect(handed.status, handed.text).to.equal(200);
    expect(handed.body.service.certificates).to.have.length(2);
    const closed = await bundleOf(bundle.bundleNumber, (b) => b.stage === 'closed');
    expect(closed.members.map((m) => m.state)).to.deep.equal(['completed', 'completed', 'completed']);
    const certificates = certificateModel(t.hall.services.intake!.cases.db);
    for (const caseNumber of [food.caseNumber, hygiene.caseNumber]) {
      const served = await certificates.findOne({ caseNumber }).lean<{ service?: { recipientName: string } }>();
      expect(served?.service?.recipientName).to.equal('马文静');
    }
    await eventually(async () => (ended.some((e) => e.processInstanceKey === closed.processInstanceKey) ? true : undefined), 'the bundle process to end');
    const again = await issuer.post(`/api/bundles/${bundle.bundleNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
    expect(again.status).to.equal(409);

    // public progress: the bundle and each member, by the bundle number and the phone's last digits
    const open = await clerk.get(`/api/public/bundles/${bundle.bundleNumber}/progress?phoneLast4=2866`);
    expect(open.status, open.text).to.equal(200);
    expect(open.body.members.map((m: { matterName: string }) => m.matterName)).to.deep.equal(['食品经营许可', '公共场所卫生许可', '增值税专用发票（增值税税控系统）最高开票限额审批']);
    expect(open.body.applicant).to.not.equal(applicant.name);
    expect((await clerk.get(`/api/public/bundles/${bundle.bundleNumber}/progress?phoneLast4=0000`)).status).to.equal(404);
  });
});

interface Bundle {
  bundleNumber: string;
  stage: string;
  processInstanceKey?: string;
  receipt?: { verificationCode: string };
  members: Array<{ caseNumber?: string; state: string; outcome?: string }>;
}

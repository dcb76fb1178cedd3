import { expect } from 'chai';
import { pdfText } from '../documents/pdf-tools.ts';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, approverWithPowers, eventually, openTask, type Actor } from '../../test/e2e/steps.ts';
import { decide, decideAtWindow } from '../../test/support/bundles/fixtures.ts';

/**
 * 个体工商户开业 (seeded: the city 市场监管局 leads, the 沙坡头区 bureau of its line registers the
 * business): its 即办件 members are decided at the window and given out there by their own
 * process; the food permit is decided in the back office; the bundle is then handed over together
 * at the issuing window with one 送达回证, a PDF that names every certificate served.
 */
describe('bundles: 个体工商户开业 handed over together with one 送达回证 PDF', function () {
  this.timeout(240_000);
  let t: TestHall;
  let clerk: Actor;

  before(async () => {
    t = await startHall('bundle_issue');
    clerk = actorOf(t, await t.signIn('clerk'));
  });
  after(() => t?.close());

  const bundleOf = (bundleNumber: string, ready: (b: Bundle) => boolean) => eventually(async () => {
    const body = (await clerk.get(`/api/bundles/${bundleNumber}`)).body as Bundle;
    return ready(body) ? body : undefined;
  }, `bundle ${bundleNumber} in the awaited state`);

  it('lets the city 市场监管局 bundle the district bureau of its line, and no other department', async () => {
    const scjAdmin = (await approverWithPowers(t, 'scj', ['reviewAndReport', 'decide', 'useSeal']), actorOf(t, await t.signIn('admin.scj')));
    const proposal = { code: 'sole-trader-invoices', nameZh: '个体户开业领票', nameEn: 'Sole trader with invoices', leadDepartmentCode: 'scj', members: ['spt_gt', 'tax_fp'], promisedDays: 0 };
    const own = await scjAdmin.post('/api/bundles/definitions', proposal);
    expect(own.status, own.text).to.equal(201);
    await approverWithPowers(t, 'wjw', ['reviewAndReport', 'decide', 'useSeal']);
    const foreign = await actorOf(t, await t.signIn('admin.wjw')).post('/api/bundles/definitions', { ...proposal, code: 'hygiene-and-trader', leadDepartmentCode: 'wjw', members: ['wjw_ggcs', 'spt_gt'], promisedDays: 5 });
    expect(foreign.status, foreign.text).to.equal(403);
    expect(foreign.body.code).to.equal('BUNDLE_MEMBER_NOT_PROPOSABLE');
    expect(JSON.stringify(foreign.body)).to.include('body.members.1');
  });

  it('issues 即办件 members at the desk, holds the others for the bundle, and serves them together with one 送达回证 PDF', async () => {
    const definition = (await clerk.get('/api/bundles/definitions/open-sole-trader')).body as { status: string; members: Array<{ matterCode: string }>; materials: Array<{ name: string }> };
    expect(definition.status).to.equal('published');
    expect(definition.members.map((m) => m.matterCode)).to.deep.equal(['spt_gt', 'scj_sp', 'tax_fp']);
    const received = await clerk.post('/api/bundles', {
      definitionCode: 'open-sole-trader', applicant: { kind: 'person', name: '马小兰', idNumber: '640502199003120025' }, contact: { name: '马小兰', phone: '13709553366' },
      form: { premises: '中卫市沙坡头区应理南街 12 号', businessScope: '小吃服务', operatorName: '马小兰' },
      materials: definition.materials.map((m) => ({ name: m.name, provided: true })), decision: { outcome: 'accept' },
    });
    expect(received.status, received.text).to.equal(201);
    const bundle = received.body as Bundle;
    const [trader, food, invoices] = bundle.members.map((m) => m.caseNumber!);

    // 即办件: decided at the window by the departments' staff, given out there by their own process
    await decideAtWindow(await approverWithPowers(t, 'spt', ['decide', 'useSeal']), trader, { name: '营业执照（个体工商户）', scope: '小吃服务' });
    await decideAtWindow(await approverWithPowers(t, 'tax', ['reviewAndReport', 'decide', 'useSeal']), invoices, { name: '发票领用', scope: '增值税普通发票' });
    await decide(actorOf(t, await t.signIn('approver.scj')), food, 'grant');
    const ready = await bundleOf(bundle.bundleNumber, (b) => b.stage === 'issuing' && b.members[0].state === 'completed' && b.members[2].state === 'completed');
    expect(ready.members.map((m) => m.state)).to.deep.equal(['completed', 'decided', 'completed']);
    expect(ready.members.map((m) => m.immediate)).to.deep.equal([true, false, true]);

    // the food permit is not handed over on its own: it waits for the bundle
    const issuer = actorOf(t, await t.signIn('issuer'));
    await openTask(issuer, food, 'handOver');
    const alone = await issuer.post(`/api/issuing/cases/${food}/hand-over`, { method: 'inPerson', recipientName: '马小兰' });
    expect(alone.status, alone.text).to.equal(409);
    expect(alone.body.code).to.equal('BUNDLE_MEMBER_ISSUED_TOGETHER');

    const handed = await issuer.post(`/api/bundles/${bundle.bundleNumber}/hand-over`, { method: 'inPerson', recipientName: '马小兰' });
    expect(handed.status, handed.text).to.equal(200);
    const service = handed.body.service as { documentId: string; verificationCode: string; certificates: string[]; windowNumber: string };
    expect(service.certificates).to.have.length(1);
    expect(service.windowNumber).to.equal('C18');
    const pdf = await issuer.get(`/api/documents/${service.documentId}/pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.match(/application\/pdf/);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, '');
    expect(text).to.include('送达回证').and.include(bundle.bundleNumber).and.include(service.certificates[0]).and.include(food);
    expect(text).to.include('个体工商户设立登记、发票领用').and.include('C18号窗口').and.include('马小兰');
    const verified = await clerk.get(`/api/public/documents/verify/${service.verificationCode}`);
    expect(verified.body).to.include({ genuine: true, kind: 'serviceReceipt' });

    // a retry after the answer was lost: the same 送达回证, nothing served twice
    const again = await issuer.post(`/api/bundles/${bundle.bundleNumber}/hand-over`, { method: 'inPerson', recipientName: '马小兰' });
    expect(again.status).to.equal(409);
    const closed = await bundleOf(bundle.bundleNumber, (b) => b.stage === 'closed');
    expect(closed.service?.documentId).to.equal(service.documentId);
  });
});

interface Bundle {
  bundleNumber: string;
  stage: string;
  service?: { documentId?: string };
  members: Array<{ caseNumber?: string; state: string; immediate?: boolean }>;
}

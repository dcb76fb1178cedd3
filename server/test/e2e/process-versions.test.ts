import { expect } from 'chai';
import { certificateModel } from '../../src/issuing/index.ts';
import { startHall, type TestHall } from '../hall.ts';
import { actorOf, receiveAccepted, approverWithPowers, eventually, openTask, type Actor } from './steps.ts';

/**
 * Publishing without a release (issue 6): a designer publishes version 2 of a matter's process while
 * a case runs on version 1; that case finishes on version 1, a new case takes version 2.
 */
describe('process versions: running cases keep theirs, new cases take the latest', function () {
  this.timeout(240_000);
  let t: TestHall;
  let clerk: Actor;
  let designer: Actor;
  let approver: Actor;
  let issuer: Actor;
  let director: Actor;

  before(async () => {
    t = await startHall('versions');
    clerk = actorOf(t, await t.signIn('clerk'));
    designer = actorOf(t, await t.signIn('designer'));
    issuer = actorOf(t, await t.signIn('issuer'));
    director = actorOf(t, await t.signIn('director'));
    approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
  });
  after(() => t?.close());

  const receive = () => receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' });

  it('finishes a version-1 case on version 1 after version 2 is published, and starts new cases on version 2', async () => {
    const first = await receive();
    expect(first).to.include({ processId: 'single-department-approval', processVersion: 1 });
    await openTask(approver, first.caseNumber, 'review');

    // A designer publishes a changed process: the next version of the same id
    const v1 = await designer.get('/api/processes/single-department-approval/versions/1/xml');
    expect(v1.status).to.equal(200);
    const xml = v1.text.replace('name="单部门审批"', 'name="单部门审批（第二版）"');
    expect(xml).to.not.equal(v1.text);
    const published = await designer.post('/api/processes', { xml });
    expect(published.status, published.text).to.equal(201);
    expect(published.body.processes[0]).to.include({ processId: 'single-department-approval', version: 2 });

    const second = await receive();
    expect(second.processVersion).to.equal(2);

    // The first case goes on, on its own version, to the end
    const review = await openTask(approver, first.caseNumber, 'review');
    await approver.post(`/api/tasks/${review.key}/claim`);
    expect((await approver.post(`/api/tasks/${review.key}/approve`, { opinion: '符合条件' })).status).to.equal(200);
    const decide = await openTask(approver, first.caseNumber, 'decide');
    await approver.post(`/api/tasks/${decide.key}/claim`);
    const decided = await approver.post(`/api/tasks/${decide.key}/approve`, {
      opinion: '准予',
      decision: { findings: '申请符合法定条件和标准', legalBasis: '《建筑工程施工许可管理办法》', licence: { name: '建筑工程施工许可证', scope: '云杉大厦', validFrom: '2026-12-01', validTo: '2027-11-30' } },
    });
    expect(decided.status, decided.text).to.equal(200);
    await openTask(issuer, first.caseNumber, 'handOver');
    expect((await issuer.post(`/api/issuing/cases/${first.caseNumber}/hand-over`, { method: 'post', recipientName: '马文静', trackingNumber: 'EMS1234567890' })).status).to.equal(200);
    await eventually(async () => ((await director.get(`/api/cases/${first.caseNumber}`)).body.status === 'completed' ? true : undefined), 'the first case to close');

    const tasks = t.hall.services.board!.tasks;
    const firstVersions = new Set((await tasks.find({ caseNumber: first.caseNumber, kind: 'engine' }).lean()).map((task) => task.processVersion));
    expect([...firstVersions]).to.deep.equal([1]);
    await openTask(approver, second.caseNumber, 'review');
    const secondVersions = new Set((await tasks.find({ caseNumber: second.caseNumber, kind: 'engine' }).lean()).map((task) => task.processVersion));
    expect([...secondVersions]).to.deep.equal([2]);

    // The construction permit is printed with its own layout
    const closed = (await director.get(`/api/cases/${first.caseNumber}`)).body;
    const certificate = closed.documents.find((d: { kind: string }) => d.kind === 'certificate');
    const verified = await t.http.get(`/api/public/certificates/${certificate.verificationCode}`);
    expect(verified.body).to.include({ genuine: true, status: 'valid', title: '建筑工程施工许可证' });
    const registered = await certificateModel(tasks.db).findOne({ caseNumber: first.caseNumber }).lean();
    expect(registered).to.include({ layout: 'constructionPermit', status: 'valid' });
    expect(registered!.service).to.include({ method: 'post', recipientName: '马文静', trackingNumber: 'EMS1234567890' });

    // Revocation (撤销) is a decision: the window clerk may not, the approver with the decision power may
    const refused = await clerk.post(`/api/certificates/${registered!.number}/revoke`, { reason: '申请人以欺骗手段取得许可' });
    expect(refused.status).to.equal(403);
    const revoked = await approver.post(`/api/certificates/${registered!.number}/revoke`, { reason: '申请人以欺骗手段取得许可（行政许可法第六十九条）' });
    expect(revoked.status, revoked.text).to.equal(200);
    expect((await t.http.get(`/api/public/certificates/${certificate.verificationCode}`)).body).to.include({ genuine: true, status: 'revoked' });
    expect((await approver.post(`/api/certificates/${registered!.number}/revoke`, { reason: '重复撤销' })).status).to.equal(409);
  });
});

import { expect } from 'chai';
import { hashPassword, userModel } from '../../src/auth/index.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.ts';
import { hallEngines, startHall, type TestHall } from '../hall.ts';
import { actorOf, receiveAccepted, eventually, openTask } from './steps.ts';

/**
 * 即办件: decided and issued at the window in one visit, by window staff seconded from the department
 * who hold its decision and seal powers (a window clerk who is also the department's approver).
 */
// On the embedded engine, and on the real Zeebe 8.5 engine when scripts/test started it.
for (const engine of hallEngines()) describe(`an immediate matter decided and issued at the window${engine === 'zeebe' ? ' (on the real Zeebe 8.5 engine)' : ''}`, function () {
  this.timeout(180_000);
  let t: TestHall;
  after(() => t?.close());

  it('accepts, decides with the seal, certifies and hands over on the spot', async () => {
    t = await startHall('immediate', { engine });
    const users = userModel(t.hall.services.intake!.cases.db);
    const staff = await users.create({ username: 'window.gaj', displayName: '公安窗口 白雪', roles: ['windowClerk', 'approver'], departmentCode: 'gaj', windowNumber: 'K02-01', passwordHash: await hashPassword(DEMO_PASSWORD) });
    await users.create({ username: 'admin.gaj', displayName: '公安局管理员', roles: ['departmentAdmin'], departmentCode: 'gaj', passwordHash: await hashPassword(DEMO_PASSWORD) });
    const gajAdmin = actorOf(t, await t.signIn('admin.gaj'));
    const year = new Date().getUTCFullYear();
    const granted = await gajAdmin.post('/api/delegations', { granteeId: String(staff._id), powers: ['decide', 'useSeal'], scope: { matterCodes: ['gaj_cs'] }, validFrom: `${year - 1}-01-01`, validTo: `${year + 1}-12-31` });
    expect(granted.status, granted.text).to.equal(201);
    const window = actorOf(t, await t.signIn('window.gaj'));

    const received = await receiveAccepted(window, 'gaj_cs', { kind: 'person', name: '马建国', idNumber: '640502198807150014' }, { name: '马建国', phone: '13912342866' });
    expect(received).to.include({ processId: 'immediate-matter', dueDate: received.acceptedOn });

    const task = await openTask(window, received.caseNumber, 'decideAtWindow');
    await window.post(`/api/tasks/${task.key}/claim`);
    const decided = await window.post(`/api/tasks/${task.key}/approve`, {
      opinion: '当场办结',
      decision: { findings: '出生医学证明等材料齐全', legalBasis: '《中华人民共和国户口登记条例》', licence: { name: '户口登记', scope: '出生登记', validFrom: received.acceptedOn, validTo: `${year + 50}-12-31` } },
    });
    expect(decided.status, decided.text).to.equal(200);

    const closed = await eventually(async () => {
      const res = await window.get(`/api/cases/${received.caseNumber}`);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 'the case to close at the window');
    expect(closed.documents.map((d: { kind: string }) => d.kind)).to.include.members(['receipt', 'acceptance', 'licenceGrant', 'certificate']);
  });
});

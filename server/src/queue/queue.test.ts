import { expect } from 'chai';
import { hashPassword, userModel } from '../auth/index.ts';
import { startTestApp, type TestApp } from '../../test/support.ts';
import { queueModels } from './models.ts';

// Tuesday 1 December 2026, a working day; hall time is UTC+8.
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+08:00`);

describe('queue numbers and calling (取号、叫号、预约)', function () {
  this.timeout(120_000);
  let t: TestApp;
  let now = at('09:40');
  const tokens: Record<string, string> = {};
  const post = (user: string | undefined, path: string, body: object = {}) => {
    const req = t.http.post(path).send(body);
    return user ? req.auth(tokens[user], { type: 'bearer' }) : req;
  };
  const call = (user: string, window: string, action = 'call-next', body: object = {}) => post(user, `/api/queue/windows/${window}/${action}`, body);

  before(async () => {
    t = await startTestApp('queue', { clock: () => now });
    const users = userModel(t.db);
    for (const [username, window] of [['clerk.c02', 'C02'], ['clerk.c03', 'C03']]) {
      await users.create({ username, displayName: `综合窗口 ${window}`, roles: ['windowClerk'], windowNumber: window, passwordHash: await hashPassword('Demo-2026-onewindow') });
    }
    for (const u of ['clerk', 'clerk.c02', 'clerk.c03', 'issuer', 'sysadmin', 'director', 'approver.zjj']) tokens[u] = await t.signIn(u);
  });
  after(() => t?.close());

  it('calls 30 tickets at three windows in order — 绿色通道 first, then the appointment whose slot has begun, then walk-ins as they came — and records waiting and service times', async () => {
    now = at('09:40');
    const booked = await post(undefined, '/api/public/queue/appointments', { queue: 'comprehensive', day: '2026-12-01', slot: '10:00', name: '马建国', phone: '13912342866' });
    expect(booked.status, booked.text).to.equal(201);
    const slots = await t.http.get('/api/public/queue/slots').query({ queue: 'comprehensive', day: '2026-12-01' });
    expect(slots.body.find((s: { slot: string }) => s.slot === '10:00').free).to.equal(1);

    const numbers: string[] = [];
    for (let i = 0; i < 27; i++) {
      now = new Date(at('09:41').getTime() + i * 20_000);
      const res = await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive' });
      expect(res.status, res.text).to.equal(201);
      expect(res.body.ahead).to.equal(i);
      numbers.push(res.body.number);
    }
    expect(numbers.slice(0, 3)).to.deep.equal(['A001', 'A002', 'A003']);
    now = at('09:55');
    const elderly = await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive', priority: 'elderly', idNumber: '640502195001010019' });
    expect(elderly.status, elderly.text).to.equal(201);
    expect(elderly.body.ahead, 'a priority ticket goes ahead of the walk-ins').to.equal(0);
    const military = await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive', priority: 'military' });
    now = at('10:02');
    const checkedIn = await post(undefined, `/api/public/queue/appointments/${booked.body.code}/check-in`);
    expect(checkedIn.status, checkedIn.text).to.equal(201);

    const order: string[] = [];
    const windows: Array<[string, string]> = [['clerk', 'C01'], ['clerk.c02', 'C02'], ['clerk.c03', 'C03']];
    for (let round = 0; round < 10; round++) {
      for (const [user, window] of windows) {
        const res = await call(user, window);
        expect(res.status, res.text).to.equal(200);
        order.push(res.body.called.number);
      }
      now = new Date(now.getTime() + 5 * 60_000);
      for (const [user, window] of windows) expect((await call(user, window, 'finish')).status).to.equal(200);
    }
    expect(order.slice(0, 3)).to.deep.equal([elderly.body.number, military.body.number, checkedIn.body.number]);
    expect(order.slice(3)).to.deep.equal(numbers);
    expect((await call('clerk', 'C01')).body.called, 'no one left').to.equal(null);

    const figures = await t.http.get('/api/queue/figures').query({ day: '2026-12-01' }).auth(tokens.director, { type: 'bearer' });
    expect(figures.status, figures.text).to.equal(200);
    expect(figures.body.hall).to.include({ tickets: 30, served: 30, abandoned: 0, waiting: 0 });
    expect(figures.body.hall.meanServiceMinutes).to.equal(5);
    expect(figures.body.hall.meanWaitMinutes).to.be.greaterThan(0);
    expect(figures.body.byWindow.map((w: { window: string; served: number }) => [w.window, w.served])).to.deep.equal([['C01', 10], ['C02', 10], ['C03', 10]]);
    expect(figures.body.appointments).to.deep.equal({ booked: 1, kept: 1 });
    expect((await t.http.get('/api/queue/figures').auth(tokens.clerk, { type: 'bearer' })).status, 'a clerk reads no hall figures').to.equal(403);
  });

  it('re-queues a skipped ticket once and abandons it the second time; a transfer to one window is called by that window only; finish binds the case', async () => {
    now = at('11:00');
    const a = (await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive' })).body;
    const b = (await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive' })).body;
    expect((await call('clerk', 'C01')).body.called.number).to.equal(a.number);
    const busy = await call('clerk', 'C01');
    expect(busy.status).to.equal(409);
    expect(busy.body.code).to.equal('WINDOW_BUSY');
    const recalled = await call('clerk', 'C01', 'recall');
    expect(recalled.body.state).to.equal('called');
    now = at('11:01');
    expect((await call('clerk', 'C01', 'skip')).body.state, 'first 过号: back in the queue').to.equal('waiting');
    expect((await call('clerk', 'C01')).body.called.number, 'the skipped ticket went behind the next one').to.equal(b.number);
    now = at('11:02');
    const moved = await call('clerk', 'C01', 'transfer', { window: 'C03' });
    expect(moved.status, moved.text).to.equal(200);
    expect((await call('clerk.c02', 'C02')).body.called.number, 'C02 does not take a ticket sent to C03').to.equal(a.number);
    expect((await call('clerk.c02', 'C02', 'skip')).body.state, 'second 过号: abandoned').to.equal('abandoned');
    expect((await call('clerk.c03', 'C03')).body.called.number).to.equal(b.number);
    const unknownCase = await call('clerk.c03', 'C03', 'finish', { caseNumber: 'ZW20261201-9999' });
    expect(unknownCase.status).to.equal(404);
    expect(unknownCase.body.code).to.equal('CASE_NOT_FOUND');
    const stored = await queueModels(t.db).tickets.findOne({ number: b.number, day: '2026-12-01' }).lean();
    expect(stored?.state, 'a refused finish changes nothing').to.equal('called');
    expect((await call('clerk.c03', 'C03', 'finish')).body.state).to.equal('done');
  });

  it('never gives one ticket to two windows calling at once', async () => {
    now = at('14:00');
    for (let i = 0; i < 6; i++) await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive' });
    const windows: Array<[string, string]> = [['clerk', 'C01'], ['clerk.c02', 'C02'], ['clerk.c03', 'C03']];
    const called: string[] = [];
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(windows.map(([user, window]) => call(user, window)));
      called.push(...answers.map((r) => r.body.called.number));
      await Promise.all(windows.map(([user, window]) => call(user, window, 'finish')));
    }
    expect(new Set(called).size, called.join(' ')).to.equal(6);
  });

  it('refuses a closed queue, a second check-in, calling from a paused window or another window, and a bad ID number — changing nothing', async () => {
    const tickets = queueModels(t.db).tickets;
    const before = await tickets.countDocuments();
    now = at('18:30');
    const late = await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive' });
    expect(late.status).to.equal(409);
    expect(late.body.code).to.equal('QUEUE_CLOSED');
    expect(late.headers['content-type']).to.match(/application\/problem\+json/);
    now = at('15:00');
    expect((await t.http.put('/api/queue/queues/taxation').send({ open: false }).auth(tokens.clerk, { type: 'bearer' })).status, 'a clerk closes no queue').to.equal(403);
    expect((await t.http.put('/api/queue/queues/taxation').send({ open: false }).auth(tokens.sysadmin, { type: 'bearer' })).status).to.equal(200);
    const closed = await post(undefined, '/api/public/queue/tickets', { queue: 'taxation' });
    expect(closed.body.code).to.equal('QUEUE_CLOSED');
    const badId = await post(undefined, '/api/public/queue/tickets', { queue: 'comprehensive', idNumber: '640502198807150015' });
    expect(badId.status).to.equal(400);
    expect(badId.body.fields[0].field).to.equal('body.idNumber');

    now = at('09:00');
    const booked = await post(undefined, '/api/public/queue/appointments', { queue: 'comprehensive', day: '2026-12-01', slot: '16:00', name: '马文静', phone: '13912340000' });
    expect((await post(undefined, '/api/public/queue/appointments', { queue: 'comprehensive', day: '2026-12-01', slot: '16:30', name: '马文静', phone: '13912340000' })).body.code).to.equal('ALREADY_BOOKED');
    now = at('15:30');
    expect((await post(undefined, `/api/public/queue/appointments/${booked.body.code}/check-in`)).status).to.equal(201);
    const again = await post(undefined, `/api/public/queue/appointments/${booked.body.code}/check-in`);
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('APPOINTMENT_CHECKED_IN');

    expect((await call('clerk', 'C01', 'pause')).body.paused).to.equal(true);
    const paused = await call('clerk', 'C01');
    expect(paused.status).to.equal(409);
    expect(paused.body.code).to.equal('WINDOW_PAUSED');
    expect((await call('clerk', 'C01', 'resume')).body.paused).to.equal(false);
    const elsewhere = await call('clerk', 'C02');
    expect(elsewhere.status, 'a clerk calls at their own window only').to.equal(403);
    expect((await call('approver.zjj', 'C01')).status).to.equal(403);
    expect(await tickets.countDocuments(), 'only the checked-in appointment made a ticket').to.equal(before + 1);
  });
});

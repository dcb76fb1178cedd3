import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('calendar routes', () => {
  let t: TestApp;
  let clerk: string;
  let admin: string;
  before(async () => {
    t = await startTestApp('calendar');
    clerk = await t.signIn('clerk');
    admin = await t.signIn('sysadmin');
  });
  after(() => t.close());

  it('computes a due date for a signed-in user with the 2026 holidays', async () => {
    const res = await t.http.get('/api/calendar/due-date').query({ from: '2026-09-18', days: 20 }).auth(clerk, { type: 'bearer' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ from: '2026-09-18', days: 20, due: '2026-10-22', countFromNextDay: true, timeZone: 'Asia/Shanghai' });
    expect(['normal', 'dueSoon', 'overdue']).to.include(res.body.state);
  });

  it('adds an approved extension of 10 working days', async () => {
    const res = await t.http.get('/api/calendar/due-date').query({ from: '2026-09-18', days: 20, extensionDays: 10 }).auth(clerk, { type: 'bearer' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ due: '2026-11-05', extensionDays: 10 });
  });

  it('refuses a due-date request without sign-in', async () => {
    const res = await t.http.get('/api/calendar/due-date').query({ from: '2026-09-18', days: 20 });
    expect(res.status).to.equal(401);
  });

  it('answers invalid dates and negative days with problem+json naming the field', async () => {
    const bad = await t.http.get('/api/calendar/due-date').query({ from: '2026-02-30', days: 5 }).auth(clerk, { type: 'bearer' });
    expect(bad.status).to.equal(400);
    expect(bad.type).to.equal('application/problem+json');
    expect(bad.body.code).to.equal('VALIDATION_FAILED');
    expect(bad.body.fields.map((f: { field: string }) => f.field)).to.include('from');
    const negative = await t.http.get('/api/calendar/due-date').query({ from: '2026-09-18', days: -1 }).auth(clerk, { type: 'bearer' });
    expect(negative.status).to.equal(400);
    expect(negative.body.fields.map((f: { field: string }) => f.field)).to.include('query.days');
    const shape = await t.http.get('/api/calendar/due-date').query({ from: 'tomorrow', days: 5 }).auth(clerk, { type: 'bearer' });
    expect(shape.status).to.equal(400);
    expect(shape.body.fields.map((f: { field: string }) => f.field)).to.include('query.from');
  });

  it('lets only a system administrator change the overrides', async () => {
    const entry = { date: '2026-10-20', kind: 'holiday', name: '测试假日', source: '测试文件〔2026〕1号' };
    const byClerk = await t.http.post('/api/calendar/overrides').send(entry).auth(clerk, { type: 'bearer' });
    expect(byClerk.status).to.equal(403);
    const list = await t.http.get('/api/calendar/overrides').auth(clerk, { type: 'bearer' });
    expect(list.status).to.equal(403);
    const stored = await t.db.collection('calendar_overrides').countDocuments({});
    expect(stored).to.equal(0);
  });

  it('moves the due date at once when an administrator adds an overlay holiday, and back when removed', async () => {
    const due = async () => (await t.http.get('/api/calendar/due-date').query({ from: '2026-09-18', days: 20 }).auth(clerk, { type: 'bearer' })).body.due;
    expect(await due()).to.equal('2026-10-22');
    const add = await t.http.post('/api/calendar/overrides')
      .send({ date: '2026-10-20', kind: 'holiday', name: '测试假日', source: '测试文件〔2026〕1号' }).auth(admin, { type: 'bearer' });
    expect(add.status).to.equal(201);
    expect(await due()).to.equal('2026-10-23');
    const day = await t.http.get('/api/calendar/days/2026-10-20').auth(clerk, { type: 'bearer' });
    expect(day.body).to.include({ working: false, source: 'override', name: '测试假日' });
    const list = await t.http.get('/api/calendar/overrides').auth(admin, { type: 'bearer' });
    expect(list.body.items).to.deep.equal([{ date: '2026-10-20', kind: 'holiday', name: '测试假日', source: '测试文件〔2026〕1号' }]);
    const twice = await t.http.post('/api/calendar/overrides')
      .send({ date: '2026-10-20', kind: 'workday', name: '重复', source: '测试' }).auth(admin, { type: 'bearer' });
    expect(twice.status).to.equal(409);
    const removed = await t.http.delete('/api/calendar/overrides/2026-10-20').auth(admin, { type: 'bearer' });
    expect(removed.status).to.equal(204);
    expect(await due()).to.equal('2026-10-22');
    const again = await t.http.delete('/api/calendar/overrides/2026-10-20').auth(admin, { type: 'bearer' });
    expect(again.status).to.equal(404);
  });

  it('refuses an override with an impossible date or without its source document', async () => {
    const impossible = await t.http.post('/api/calendar/overrides')
      .send({ date: '2026-02-30', kind: 'holiday', name: '无', source: '测试' }).auth(admin, { type: 'bearer' });
    expect(impossible.status).to.equal(400);
    const noSource = await t.http.post('/api/calendar/overrides')
      .send({ date: '2026-03-20', kind: 'holiday', name: '开斋节' }).auth(admin, { type: 'bearer' });
    expect(noSource.status).to.equal(400);
    expect(noSource.body.fields.map((f: { field: string }) => f.field)).to.include('body.source');
    expect(await t.db.collection('calendar_overrides').countDocuments({})).to.equal(0);
  });
});

import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('GET /api/calendar/working-days (the count shown beside dates in the web app)', () => {
  let t: TestApp;
  let clerk: string;
  before(async () => {
    t = await startTestApp('working_days');
    clerk = await t.signIn('clerk');
  });
  after(() => t.close());

  it('counts the working days after a date up to another, skipping the National Day holidays', async () => {
    const res = await t.http.get('/api/calendar/working-days').query({ from: '2026-09-18', to: '2026-10-22' }).auth(clerk, { type: 'bearer' });
    expect(res.status, res.text).to.equal(200);
    expect(res.body).to.include({ from: '2026-09-18', to: '2026-10-22', workingDays: 20 });
  });

  it('answers a negative count for a date already passed, and counts to today without `to`', async () => {
    const back = await t.http.get('/api/calendar/working-days').query({ from: '2026-10-22', to: '2026-09-18' }).auth(clerk, { type: 'bearer' });
    expect(back.body.workingDays).to.equal(-20);
    const today = await t.http.get('/api/calendar/working-days').query({ from: '2026-01-05' }).auth(clerk, { type: 'bearer' });
    expect(today.body.to).to.equal(today.body.today);
  });

  it('refuses bad dates with the field named, and strangers without sign-in', async () => {
    const bad = await t.http.get('/api/calendar/working-days').query({ from: '18.09.2026' }).auth(clerk, { type: 'bearer' });
    expect(bad.status).to.equal(400);
    expect(bad.body.fields[0].field).to.equal('query.from');
    expect((await t.http.get('/api/calendar/working-days').query({ from: '2026-09-18' })).status).to.equal(401);
  });
});

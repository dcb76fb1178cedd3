import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('matter catalogue kept by department admins', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('matteradmin'); });
  after(() => t.close());

  const matter = async (code: string, token: string) => {
    const { body } = await t.http.get(`/api/matters/${code}`).auth(token, { type: 'bearer' });
    return body as Record<string, unknown> & { materials: Array<Record<string, unknown>> };
  };

  it('lets the 住建 admin change a 住建 matter: a material becomes eligible for 容缺 and the promise shortens', async () => {
    const admin = await t.signIn('admin.zjj');
    const current = await matter('zjj_sgxk', admin);
    current.materials[current.materials.length - 1].pendingAllowed = true;
    const res = await t.http.put('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' }).send({ ...current, promisedDays: 2, keywords: ['施工许可证'] });
    expect(res.status, res.text).to.equal(200);
    const after = await matter('zjj_sgxk', admin);
    expect(after.promisedDays).to.equal(2);
    expect(after.materials[after.materials.length - 1].pendingAllowed).to.equal(true);
    const found = await t.http.get('/api/matters').query({ q: '施工许可证' }).auth(admin, { type: 'bearer' });
    expect(found.body.items.map((m: { code: string }) => m.code)).to.include('zjj_sgxk');
  });

  it('refuses the 住建 admin a matter of the 公安 department, and an approver any change', async () => {
    const admin = await t.signIn('admin.zjj');
    const gaj = await matter('gaj_hz', admin);
    const res = await t.http.put('/api/matters/gaj_hz').auth(admin, { type: 'bearer' }).send({ ...gaj, promisedDays: 1 });
    expect(res.status).to.equal(403);
    expect(res.body.code).to.equal('FORBIDDEN');
    const approver = await t.signIn('approver.zjj');
    const zjj = await matter('zjj_sgxk', approver);
    expect((await t.http.put('/api/matters/zjj_sgxk').auth(approver, { type: 'bearer' }).send(zjj)).status).to.equal(403);
    expect((await matter('gaj_hz', admin)).promisedDays).to.equal(gaj.promisedDays);
  });

  it('refuses a promise longer than the statutory limit and names the field', async () => {
    const admin = await t.signIn('admin.zjj');
    const current = await matter('zjj_sgxk', admin);
    const res = await t.http.put('/api/matters/zjj_sgxk').auth(admin, { type: 'bearer' }).send({ ...current, promisedDays: 99 });
    expect(res.status).to.equal(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).to.include('body.promisedDays');
  });

  it('adds a new matter to the own department and refuses one for another department', async () => {
    const admin = await t.signIn('admin.zjj');
    const template = await matter('zjj_sgxk', admin);
    const created = await t.http.post('/api/matters').auth(admin, { type: 'bearer' }).send({ ...template, code: 'zjj_new', nameZh: '新增示例事项' });
    expect(created.status, created.text).to.equal(201);
    const foreign = await t.http.post('/api/matters').auth(admin, { type: 'bearer' }).send({ ...template, code: 'gaj_new', departmentCode: 'gaj' });
    expect(foreign.status).to.equal(403);
    const duplicate = await t.http.post('/api/matters').auth(admin, { type: 'bearer' }).send({ ...template, code: 'zjj_new' });
    expect(duplicate.status).to.equal(409);
  });
});

import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../test/support.ts';

describe('catalogue routes', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startTestApp('catalog');
    token = await t.signIn('clerk');
  });
  after(() => t.close());

  it('refuses a reader who has not signed in', async () => {
    const res = await t.http.get('/api/matters');
    expect(res.status).to.equal(401);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('UNAUTHENTICATED');
  });

  it('lists the 50 seeded matters to a signed-in user', async () => {
    const res = await t.http.get('/api/matters?pageSize=200').auth(token, { type: 'bearer' });
    expect(res.status).to.equal(200);
    expect(res.body.total).to.equal(50);
    expect(res.body.items).to.have.length(50);
  });

  it('finds matters by Chinese name, by code and by department', async () => {
    const byName = await t.http.get('/api/matters').query({ q: '施工许可' }).auth(token, { type: 'bearer' });
    expect(byName.body.items.map((m: { nameZh: string }) => m.nameZh).join()).to.contain('施工许可');
    const byCode = await t.http.get('/api/matters').query({ q: 'zjj_ltst' }).auth(token, { type: 'bearer' });
    expect(byCode.body.items.map((m: { code: string }) => m.code)).to.deep.equal(['zjj_ltst']);
    const byDept = await t.http.get('/api/matters').query({ department: 'gaj', pageSize: 100 }).auth(token, { type: 'bearer' });
    expect(byDept.body.total).to.equal(5);
    expect(byDept.body.items.every((m: { departmentCode: string }) => m.departmentCode === 'gaj')).to.equal(true);
  });

  it('filters by type and handling type together', async () => {
    const res = await t.http.get('/api/matters').query({ type: '01', handlingType: 'immediate', pageSize: 100 }).auth(token, { type: 'bearer' });
    expect(res.status).to.equal(200);
    expect(res.body.total).to.be.greaterThan(0);
    for (const m of res.body.items) {
      expect(m.typeCode).to.equal('01');
      expect(m.handlingType).to.equal('immediate');
    }
  });

  it('returns one matter with its materials and process binding', async () => {
    const res = await t.http.get('/api/matters/zjj_ltst').auth(token, { type: 'bearer' });
    expect(res.status).to.equal(200);
    expect(res.body.processTemplate).to.equal('jointDrawingReview');
    expect(res.body.process.processId).to.equal('joint-drawing-review');
    expect(res.body.materials.length).to.be.greaterThan(2);
    expect(res.body.parallelDepartmentCodes).to.deep.equal(['rfb', 'gaj']);
  });

  it('answers an unknown matter with 404 problem+json', async () => {
    const res = await t.http.get('/api/matters/no_such').auth(token, { type: 'bearer' });
    expect(res.status).to.equal(404);
    expect(res.body.message.zh).to.equal('事项不存在');
  });

  it('lists departments, offices, windows and zones', async () => {
    const get = (path: string) => t.http.get(path).auth(token, { type: 'bearer' });
    expect((await get('/api/departments')).body.items).to.have.length(23);
    expect((await get('/api/offices')).body.items).to.have.length(3);
    expect((await get('/api/windows')).body.items).to.have.length(92);
    expect((await get('/api/zones')).body.items).to.have.length(7);
  });
});

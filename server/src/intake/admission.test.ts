import { expect } from 'chai';
import { sampleData } from '../documents/index.ts';
import { startHall, type TestHall } from '../../test/hall.ts';

/**
 * Issue 17 (a day's load): the soak showed intake accepting receipts faster than Chromium renders
 * their notices, every clerk then waiting tens of seconds. Above a bound of waiting renders a new
 * receipt is refused at once — 503 INTAKE_BUSY, Retry-After, nothing saved — and admitted again
 * when the renders have caught up.
 */
describe('intake refuses a new receipt while the notices waiting to render are above the bound, saving nothing', function () {
  this.timeout(120_000);
  let t: TestHall;
  let clerk: string;
  before(async () => {
    t = await startHall('admission', { maxRenderBacklog: 2 });
    clerk = await t.signIn('clerk');
  });
  after(() => t?.close());

  const application = async () => {
    const matter = await t.http.get('/api/matters/mzj_st').auth(clerk, { type: 'bearer' });
    const materials = (matter.body.materials as Array<{ name: string }>).map((m) => ({ name: m.name, provided: true }));
    return { matterCode: 'mzj_st', applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉文化娱乐有限公司', uscc: '1164050064050037XR' }, contact: { name: '马建国', phone: '13912342866' }, materials, decision: { outcome: 'accept' } };
  };

  it('answers 503 INTAKE_BUSY with Retry-After and no case while 6 renders wait for the browser, and 201 once they are done', async () => {
    const body = await application();
    const documents = t.hall.services.documents;
    const cases = t.hall.services.intake!.cases;
    const before = await cases.countDocuments({});
    // 8 renders on the pool of 2 pages: 6 of them wait for a page (the backlog intake looks at)
    const renders = Array.from({ length: 8 }, () => documents.renderPdf('receipt', sampleData('receipt')));
    // each render reaches the browser's queue after its template data is prepared
    for (let i = 0; i < 100 && documents.backlog() <= 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(documents.backlog()).to.be.greaterThan(2);

    const refused = await t.http.post('/api/cases').auth(clerk, { type: 'bearer' }).send(body);
    expect(refused.status, refused.text).to.equal(503);
    expect(refused.type).to.equal('application/problem+json');
    expect(refused.body.code).to.equal('INTAKE_BUSY');
    expect(refused.body.title ?? refused.body.detail).to.be.a('string');
    expect(Number(refused.headers['retry-after'])).to.be.greaterThan(0);
    expect(await cases.countDocuments({})).to.equal(before);

    await Promise.all(renders);
    expect(documents.backlog()).to.equal(0);
    const admitted = await t.http.post('/api/cases').auth(clerk, { type: 'bearer' }).send(body);
    expect(admitted.status, admitted.text).to.equal(201);
    expect(await cases.countDocuments({})).to.equal(before + 1);
  });
});

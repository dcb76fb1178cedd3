import { expect } from 'chai';
import { startHall, type TestHall } from '../../test/hall.ts';

const applicant = { kind: 'person', name: '马建国', idNumber: '640502198807150014' };
const contact = { name: '马建国', phone: '13912342866' };

describe('POST /api/cases with an Idempotency-Key: a double-clicked submit creates one case', function () {
  this.timeout(120_000);
  let t: TestHall;
  let clerk: string;
  let body: Record<string, unknown>;

  before(async () => {
    t = await startHall('idempotency');
    clerk = await t.signIn('clerk');
    const matter = await t.http.get('/api/matters/mzj_st').auth(clerk, { type: 'bearer' });
    const materials = (matter.body.materials as Array<{ name: string }>).map((m) => ({ name: m.name, provided: true }));
    body = { matterCode: 'mzj_st', applicant, contact, materials, decision: { outcome: 'accept' } };
  });
  after(() => t?.close());

  const post = (key: string | undefined, payload = body) => {
    const req = t.http.post('/api/cases').auth(clerk, { type: 'bearer' });
    return (key ? req.set('Idempotency-Key', key) : req).send(payload);
  };
  const count = async () => (await t.http.get('/api/cases').auth(clerk, { type: 'bearer' })).body.total as number;

  it('answers two requests sent at once with the same key with one case and the same answer', async () => {
    const before = await count();
    const [a, b] = await Promise.all([post('desk-double-click-0001'), post('desk-double-click-0001')]);
    expect(a.status, a.text).to.equal(201);
    expect(b.status, b.text).to.equal(201);
    expect(b.body.caseNumber).to.equal(a.body.caseNumber);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']]).to.include('true');
    expect(await count()).to.equal(before + 1);
  });

  it('answers a later repeat with the stored answer, and creates a new case for a new key', async () => {
    const first = await post('desk-retry-0002');
    const again = await post('desk-retry-0002');
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.equal(first.body);
    const other = await post('desk-retry-0003');
    expect(other.body.caseNumber).to.not.equal(first.body.caseNumber);
  });

  it('refuses the same key for a different application (problem+json, changes nothing)', async () => {
    await post('desk-reuse-0004');
    const before = await count();
    const res = await post('desk-reuse-0004', { ...body, contact: { name: '马建国', phone: '13900000000' } });
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    expect(res.body.message.zh).to.contain('幂等键');
    expect(await count()).to.equal(before);
  });

  it('frees the key when the first attempt was bad input, so the corrected application goes through with it', async () => {
    const bad = await post('desk-fix-0005', { ...body, decision: { outcome: 'acceptOnCommitment', commitment: { signedBy: '马建国' } } });
    expect(bad.status).to.equal(422);
    const good = await post('desk-fix-0005');
    expect(good.status, good.text).to.equal(201);
  });

  it('refuses a malformed key with the header named', async () => {
    const res = await post('x');
    expect(res.status).to.equal(400);
    expect(res.body.fields[0].field).to.equal('headers.idempotency-key');
  });
});

import { expect } from 'chai';
import { startHall, type TestHall } from '../../test/hall.ts';
import supertest from 'supertest';
import { actorOf, type Actor } from '../../test/e2e/steps.ts';
import { PHRASES_MAX } from './schemas.ts';

describe('常用语: each approver keeps their own opinion phrases', function () {
  this.timeout(120_000);
  let t: TestHall;
  let zjj: Actor;
  let gaj: Actor;
  before(async () => {
    t = await startHall('phrases');
    zjj = actorOf(t, await t.signIn('approver.zjj'));
    gaj = actorOf(t, await t.signIn('approver.gaj'));
  });
  after(() => t?.close());
  const del = (actor: Actor, id: string) => supertest(t.baseUrl).delete(`/api/phrases/${id}`).set('authorization', `Bearer ${actor.token}`);

  it('offers the defaults until the approver saves a phrase, then lists only their own', async () => {
    const empty = await zjj.get('/api/phrases');
    expect(empty.body.items).to.deep.equal([]);
    expect(empty.body.defaults).to.include('同意。');
    const saved = await zjj.post('/api/phrases', { text: '  经审查，施工图设计文件符合要求。 ' });
    expect(saved.status, saved.text).to.equal(201);
    expect(saved.body.items.map((p: { text: string }) => p.text)).to.deep.equal(['经审查，施工图设计文件符合要求。']);
    expect(saved.body.defaults).to.deep.equal([]);
    expect((await gaj.get('/api/phrases')).body.items).to.deep.equal([]);
  });

  it('saves a phrase sent twice at once only once', async () => {
    const both = await Promise.all([zjj.post('/api/phrases', { text: '同意上报。' }), zjj.post('/api/phrases', { text: '同意上报。' })]);
    expect(both.map((r) => r.status)).to.deep.equal([201, 201]);
    const items = (await zjj.get('/api/phrases')).body.items.filter((p: { text: string }) => p.text === '同意上报。');
    expect(items).to.have.length(1);
  });

  it('deletes only the owner\'s phrase: another approver gets 404 and the phrase stays', async () => {
    const mine = (await zjj.get('/api/phrases')).body.items[0];
    expect((await del(gaj, mine.id)).status).to.equal(404);
    expect((await zjj.get('/api/phrases')).body.items.map((p: { id: string }) => p.id)).to.include(mine.id);
    expect((await del(zjj, mine.id)).status).to.equal(200);
    expect((await zjj.get('/api/phrases')).body.items.map((p: { id: string }) => p.id)).not.to.include(mine.id);
  });

  it('refuses an empty phrase, unknown fields and a window clerk, with problem+json', async () => {
    const empty = await zjj.post('/api/phrases', { text: '   ' });
    expect(empty.status).to.equal(400);
    expect(empty.type).to.equal('application/problem+json');
    expect(empty.body.fields.map((f: { field: string }) => f.field)).to.include('body.text');
    expect((await zjj.post('/api/phrases', { text: '同意', userId: 'x' })).status).to.equal(400);
    const clerk = actorOf(t, await t.signIn('clerk'));
    expect((await clerk.get('/api/phrases')).status).to.equal(403);
  });

  it(`keeps at most ${PHRASES_MAX} phrases per person (422 PHRASES_FULL)`, async () => {
    const have = (await gaj.get('/api/phrases')).body.items.length;
    for (let i = have; i < PHRASES_MAX; i++) expect((await gaj.post('/api/phrases', { text: `常用语${i}` })).status).to.equal(201);
    const full = await gaj.post('/api/phrases', { text: '再来一条' });
    expect(full.status).to.equal(422);
    expect(full.body.code).to.equal('PHRASES_FULL');
  });
});

import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { startHall, type Hall } from '../../test/support/approval/fixtures.ts';
import { testConfig } from '../../test/support.ts';

interface StreamEvent { event: string; data: Record<string, unknown> }

/** Reads `GET /api/tasks/stream` with fetch() and the bearer token, as the web app does. */
function openStream(baseUrl: string, token: string) {
  const events: StreamEvent[] = [];
  const controller = new AbortController();
  let ended = false;
  const done = (async () => {
    const res = await fetch(`${baseUrl}/api/tasks/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    if (!res.ok) throw new Error(`stream answered ${res.status}`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done: over } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (over) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    ended = true;
  })();
  return {
    events, done, ended: () => ended, close: () => controller.abort(),
    async until(test: (e: StreamEvent) => boolean, what: string, ms = 10_000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const found = events.find(test);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no ${what} on the stream; got ${JSON.stringify(events)}`);
    },
  };
}

describe('task board: 批量签收, the new lists and filters, and the live stream', function () {
  this.timeout(120_000);
  let h: Hall;
  before(async function () {
    this.timeout(180_000);
    h = await startHall('task_stream');
  });
  after(() => h?.close());

  it('claims several tasks in one request, answers each, and repeating it changes nothing', async () => {
    const [a, b] = [await h.newCase(), await h.newCase()];
    const [ta, tb] = [await h.taskOf(a, 'intakeCheck'), await h.taskOf(b, 'intakeCheck')];
    const first = await h.as('approver.zjj').post('/api/tasks/claim', { keys: [ta.key, tb.key, 'no-such-task'] });
    expect(first.status, first.text).to.equal(200);
    expect(first.body.claimed).to.equal(2);
    expect(first.body.results.map((r: { key: string; ok: boolean; status: number }) => [r.key, r.ok, r.status])).to.deep.equal([[ta.key, true, 200], [tb.key, true, 200], ['no-such-task', false, 404]]);
    const again = await h.as('approver.zjj').post('/api/tasks/claim', { keys: [ta.key, tb.key] });
    expect(again.body.claimed).to.equal(2);
    const detail = await h.as('approver.zjj').get(`/api/tasks/${ta.key}`);
    expect(detail.body.assignee).to.equal('approver.zjj');
    expect(detail.body.history.filter((e: { type: string }) => e.type === 'claimed')).to.have.length(1);
    // someone else's now: 409 for another approver of the department, 404 for 公安's
    const late = await h.as('approver2.zjj').post('/api/tasks/claim', { keys: [ta.key] });
    expect(late.body.results[0]).to.include({ ok: false, status: 409, code: 'TASK_ALREADY_CLAIMED' });
    expect(late.body.results[0].message.zh).to.equal('该任务已被他人签收');
    const foreign = await h.as('approver.gaj').post('/api/tasks/claim', { keys: [tb.key] });
    expect(foreign.body.results[0]).to.include({ ok: false, status: 404, code: 'NOT_FOUND' });
    expect((await h.as('approver.zjj').get('/api/tasks?list=mine')).body.items.map((x: { key: string }) => x.key)).to.include.members([ta.key, tb.key]);
  });

  it('refuses an empty, repeated or hostile bulk claim as problem+json naming the field', async () => {
    for (const keys of [[], ['a', 'a'], [{ $ne: null }], Array.from({ length: 101 }, (_, i) => `k${i}`)]) {
      const res = await h.as('approver.zjj').post('/api/tasks/claim', { keys });
      expect(res.status, JSON.stringify(keys).slice(0, 40)).to.equal(400);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.fields.map((f: { field: string }) => f.field).join()).to.match(/^body\.keys/);
    }
  });

  it('lists 已办 (done by me), filters by stage and sorts by priority (督办 first)', async () => {
    const a = await h.newCase();
    const review = await h.atReview(a);
    const done = await h.as('approver.zjj').get(`/api/tasks?list=done&caseNumber=${a}`);
    expect(done.body.items.map((x: { step: string; completedBy: string }) => [x.step, x.completedBy])).to.deep.equal([['intakeCheck', 'approver.zjj']]);
    expect((await h.as('approver2.zjj').get(`/api/tasks?list=done&caseNumber=${a}`)).body.total).to.equal(0);
    const counts = await h.as('approver.zjj').get('/api/tasks/counts');
    expect(counts.body).to.have.all.keys('all', 'mine', 'groups', 'dueSoon', 'overdue', 'done', 'cc');
    expect(counts.body.done).to.be.greaterThan(0);
    const byStage = await h.as('approver.zjj').get('/api/tasks?stage=review&pageSize=200');
    expect(byStage.body.items.length).to.be.greaterThan(0);
    expect(byStage.body.items.every((x: { step: string }) => x.step === 'review')).to.equal(true);
    // 督办: the director urges the review; it comes first by priority
    expect((await h.as('director').post(`/api/tasks/${review.key}/urge`, { note: '请加快办理' })).status).to.equal(200);
    const byPriority = await h.as('approver.zjj').get('/api/tasks?sort=priority&pageSize=200');
    expect(byPriority.body.items[0]).to.include({ key: review.key, urged: 1 });
  });

  it('streams task keys and counts only to users who may read the task, and drops the stream at the token\'s expiry', async () => {
    const zjj = openStream(h.t.baseUrl, h.token['approver.zjj']);
    const gaj = openStream(h.t.baseUrl, h.token['approver.gaj']);
    try {
      await zjj.until((e) => e.event === 'counts', 'first counts of zjj');
      await gaj.until((e) => e.event === 'counts', 'first counts of gaj');
      const caseNumber = await h.newCase();
      const task = await h.taskOf(caseNumber, 'intakeCheck');
      await zjj.until((e) => e.event === 'task' && e.data.key === task.key && e.data.change === 'added', 'the new task');
      await h.as('approver2.zjj').post(`/api/tasks/${task.key}/claim`);
      await zjj.until((e) => e.event === 'task' && e.data.key === task.key && e.data.change === 'updated', 'the claim');
      await zjj.until((e) => e.event === 'counts' && e.data.groups !== undefined && zjj.events.indexOf(e) > 2, 'counts after the changes');
      expect(gaj.events.filter((e) => e.event === 'task'), '公安 hears of no 住建 task').to.deep.equal([]);
    } finally {
      zjj.close();
      gaj.close();
    }

    const unauthenticated = await fetch(`${h.t.baseUrl}/api/tasks/stream`);
    expect(unauthenticated.status).to.equal(401);
    expect(unauthenticated.headers.get('content-type')).to.match(/problem\+json/);

    // a token that lives two seconds: the stream says `expired` and ends
    const short = jwt.sign({ username: 'approver.zjj', roles: ['approver'], dept: 'zjj', serves: [] }, testConfig.JWT_SECRET, {
      algorithm: 'HS256', subject: h.ids['approver.zjj'], issuer: testConfig.JWT_ISSUER, audience: testConfig.JWT_AUDIENCE, expiresIn: 2,
    });
    const brief = openStream(h.t.baseUrl, short);
    await brief.until((e) => e.event === 'expired', 'expired', 5000);
    await brief.done;
    expect(brief.ended()).to.equal(true);
  });

  it('holds at most five streams per user: a sixth closes the oldest', async () => {
    const streams: Array<ReturnType<typeof openStream>> = [];
    try {
      for (let i = 0; i < 6; i++) {
        streams.push(openStream(h.t.baseUrl, h.token['approver3.zjj']));
        await streams[i].until((e) => e.event === 'counts', `counts on stream ${i + 1}`);
      }
      await streams[0].until((e) => e.event === 'replaced', 'the oldest stream replaced');
      await streams[0].done;
      expect(streams.map((s) => s.ended())).to.deep.equal([true, false, false, false, false, false]);
    } finally {
      for (const s of streams) s.close();
    }
  });
});

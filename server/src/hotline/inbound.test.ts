import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { startHall, type TestHall } from '../../test/hall.ts';
import { actorOf, eventually } from '../../test/e2e/steps.ts';
import { hotlineOrderModel } from './model.ts';
import { sign } from './signature.ts';

const SECRET = 'provincial-12345-link-secret-for-tests-0123456789';

describe('the provincial 12345 link: signed inbound orders, replies through the outbox', () => {
  let t: TestHall;
  let offsetMs = 0;
  let platform: Server;
  const received: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
  const order = {
    platformOrderNumber: 'NX12345-2026-000981', caller: { name: '李秀英', phone: '13709551234' }, category: 'complaint', urgency: 'normal',
    title: '营业执照办理排队时间长', content: '在政务服务中心办理营业执照排队两个多小时，窗口开放不足，希望增加窗口。',
  };
  const post = (body: string, headers: Record<string, string>) =>
    supertest(t.baseUrl).post('/api/hotline/inbound/orders').set({ 'content-type': 'application/json', ...headers }).send(body);
  const signed = (body: string, at = Date.now() + offsetMs) => {
    const timestamp = String(Math.floor(at / 1000));
    return { 'x-hotline-timestamp': timestamp, 'x-hotline-signature': sign(SECRET, timestamp, body) };
  };
  const count = () => hotlineOrderModel(t.hall.services.intake!.cases.db).countDocuments({});

  before(async () => {
    // the provincial platform, as a test double on loopback: the first reply is refused (503), later ones taken
    platform = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        received.push({ url: req.url!, headers: req.headers, body });
        res.statusCode = received.length === 1 ? 503 : 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    t = await startHall('hotline_inbound', {
      clock: () => new Date(Date.now() + offsetMs),
      hotline: { platformSecret: SECRET, platformUrl: `http://127.0.0.1:${(platform.address() as AddressInfo).port}/api` },
    });
  });
  after(async () => {
    await t.close();
    await new Promise((resolve) => platform.close(resolve));
  });

  it('accepts a signed order once, refuses its replay, and answers a resend with the same order number', async () => {
    const body = JSON.stringify(order);
    const headers = signed(body);
    const first = await post(body, headers);
    expect(first.status, first.text).to.equal(201);
    expect(first.body).to.include({ duplicate: false, merged: false });
    expect(first.body.orderNumber).to.match(/^RX\d{12}$/);

    const replay = await post(body, headers);
    expect(replay.status).to.equal(409);
    expect(replay.body.code).to.equal('INBOUND_REPLAYED');
    expect(replay.headers['content-type']).to.match(/application\/problem\+json/);

    const resent = await post(body, signed(body, Date.now() + offsetMs + 1000));
    expect(resent.status, resent.text).to.equal(200);
    expect(resent.body).to.include({ orderNumber: first.body.orderNumber, duplicate: true });
    expect(await count()).to.equal(1);
  });

  it('refuses an unsigned, a wrongly signed and a stale request, recording nothing', async () => {
    const body = JSON.stringify({ ...order, platformOrderNumber: 'NX12345-2026-000982', content: '另一件事：公交站牌损坏需要维修，位于鼓楼东街。' });
    const unsigned = await post(body, {});
    expect(unsigned.status).to.equal(401);
    expect(unsigned.body.code).to.equal('INBOUND_UNSIGNED');
    const forged = await post(body, { ...signed(body), 'x-hotline-signature': sign('another-secret-of-someone-else-000000', String(Math.floor(Date.now() / 1000)), body) });
    expect(forged.body.code).to.equal('INBOUND_UNSIGNED');
    const tampered = await post(body.replace('鼓楼东街', '鼓楼西街'), signed(body));
    expect(tampered.body.code).to.equal('INBOUND_UNSIGNED');
    const stale = await post(body, signed(body, Date.now() + offsetMs - 10 * 60_000));
    expect(stale.status).to.equal(401);
    expect(stale.body.code).to.equal('INBOUND_STALE');
    expect(await count()).to.equal(1);
  });

  it('sends the reply of a closed platform order to the platform (test double), retrying after a refusal', async () => {
    const operator = actorOf(t, await t.signIn('hotline'));
    const [only] = (await operator.get('/api/hotline/orders')).body.items as Array<{ number: string }>;
    const answered = await operator.post(`/api/hotline/orders/${only.number}/answer`, { answer: '已协调增开两个市场主体登记窗口，并开通网上预约。' });
    expect(answered.status, answered.text).to.equal(200);
    const outbox = t.hall.services.hotline!.outbox;
    const refused = await eventually(async () => {
      const entry = await outbox.entries.findOne({ orderNumber: only.number });
      return entry && entry.attempts === 1 ? entry : undefined;
    }, 'the first delivery attempt');
    expect(refused).to.include({ state: 'pending', lastError: 'HTTP 503' });
    expect(await outbox.drain()).to.equal(0); // not due before its back-off
    offsetMs += 2 * 60_000;
    expect(await outbox.drain()).to.equal(1);
    expect(await outbox.drain()).to.equal(0);
    const delivered = await outbox.entries.findOne({ orderNumber: only.number });
    expect(delivered).to.include({ state: 'delivered', attempts: 2 });
    expect(received).to.have.length(2);
    const last = received[1];
    expect(last.url).to.equal('/api/orders/NX12345-2026-000981/reply');
    expect(last.headers['x-hotline-signature']).to.equal(sign(SECRET, String(last.headers['x-hotline-timestamp']), last.body));
    expect(JSON.parse(last.body)).to.include({ orderNumber: only.number, platformOrderNumber: 'NX12345-2026-000981', state: 'closedDirectly', reply: '已协调增开两个市场主体登记窗口，并开通网上预约。' });
  });
});

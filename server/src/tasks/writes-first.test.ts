import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { WritesFirst } from './writes-first.ts';

describe('tasks: writes before lists (WritesFirst over real HTTP)', () => {
  let server: Server;
  let base: string;
  let finishWrite: () => void = () => undefined;
  const order: string[] = [];
  const gate = new WritesFirst(400);

  before(async () => {
    const app = express();
    app.use('/api/tasks', gate.mark);
    app.post('/api/tasks/:key/claim', async (_req, res) => {
      await new Promise<void>((r) => { finishWrite = r; });
      order.push('write');
      res.json({});
    });
    app.get('/api/tasks', async (_req, res) => {
      await gate.idle();
      order.push('list');
      res.json({ items: [] });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => { server.close(); });

  it('holds a list while a write is being served and lets it go when the write is answered', async () => {
    order.length = 0;
    const write = fetch(`${base}/api/tasks/t1/claim`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 50));
    const list = fetch(`${base}/api/tasks`);
    await new Promise((r) => setTimeout(r, 100));
    expect(order, 'the list waits behind the write').to.deep.equal([]);
    finishWrite();
    await Promise.all([write, list]);
    expect(order).to.deep.equal(['write', 'list']);
  });

  it('never holds a list longer than its longest wait', async () => {
    order.length = 0;
    const write = fetch(`${base}/api/tasks/t2/claim`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await fetch(`${base}/api/tasks`);
    const waited = performance.now() - t0;
    expect(order).to.deep.equal(['list']);
    expect(waited).to.be.at.least(350).and.below(2000);
    finishWrite();
    await write;
  });

  it('does not hold a list when no write is pending', async () => {
    order.length = 0;
    const t0 = performance.now();
    await fetch(`${base}/api/tasks`);
    expect(performance.now() - t0).to.be.below(300);
    expect(order).to.deep.equal(['list']);
  });
});

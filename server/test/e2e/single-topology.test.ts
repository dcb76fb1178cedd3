import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { startServer, type ServerProcess } from '../server-process.ts';
import { testDatabase } from '../support.ts';

/**
 * Topology single, with the real entry point (server/src/main.ts) as child processes on one
 * database: a second server refuses to start while the first lives; after a SIGKILL the next one
 * starts at once (same host, dead pid); after a clean stop too.
 */
describe('one server process per database (topology single), with real server processes', function () {
  this.timeout(300_000);
  let db: Connection;
  const running: ServerProcess[] = [];

  before(async () => { db = await testDatabase('single_topology'); });
  after(async () => {
    for (const server of running) await server.kill().catch(() => undefined);
    await db.dropDatabase();
    await db.close();
  });

  const uri = () => `${process.env.MONGODB_URI!.replace(/\/[^/]*$/, '')}/${db.name}`;

  it('refuses a second server, takes over at once after a SIGKILL, and after a clean stop', async () => {
    const first = await startServer(uri(), 'single-topology');
    running.push(first);

    let second: ChildProcess | undefined;
    let refused: Error | undefined;
    try {
      running.push(await startServer(uri(), 'single-topology', (child) => { second = child; }));
    } catch (error) {
      refused = error as Error;
    }
    expect(refused, 'the second server must not serve').to.be.instanceOf(Error);
    expect(second!.exitCode, 'the second server exits with code 1').to.equal(1);
    expect((await fetch(`${first.baseUrl}/healthz`)).status).to.equal(200);

    await first.kill();
    const third = await startServer(uri(), 'single-topology');
    running.push(third);
    expect((await fetch(`${third.baseUrl}/healthz`)).status).to.equal(200);

    await third.stop();
    const fourth = await startServer(uri(), 'single-topology');
    running.push(fourth);
    expect((await fetch(`${fourth.baseUrl}/healthz`)).status).to.equal(200);
  });
});

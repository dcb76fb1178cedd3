import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { startServer, type ServerProcess } from '../server-process.ts';
import { testDatabase } from '../support.ts';

/**
 * Topology cluster with the real entry point (server/src/main.ts) as two child processes on one
 * database. What this machine can check honestly on FerretDB (the test allows cluster there
 * explicitly): the start-up refusal on FerretDB, the sign-in lockout and the public progress
 * limiter counted across both processes. What needs MongoDB (guarded updates from two processes,
 * change streams) is stated in docs/reliability.md and not claimed here.
 */
describe('topology cluster: several server processes on one database, with real server processes', function () {
  this.timeout(300_000);
  let db: Connection;
  const running: ServerProcess[] = [];

  before(async () => { db = await testDatabase('cluster_topology'); });
  after(async () => {
    for (const server of running) await server.kill().catch(() => undefined);
    await db.dropDatabase();
    await db.close();
  });

  const uri = () => `${process.env.MONGODB_URI!.replace(/\/[^/]*$/, '')}/${db.name}`;
  const cluster = { ONEWINDOW_TOPOLOGY: 'cluster', ONEWINDOW_CLUSTER_ON_FERRETDB: 'allow-for-tests' };

  it('refuses to start in cluster on FerretDB unless allowed, naming why', async function () {
    if (!process.env.FERRETDB_SQLITE_DIR) this.skip(); // on MongoDB cluster is allowed: nothing to refuse
    let child: ChildProcess | undefined;
    let output = '';
    const refused = await startServer(uri(), 'cluster-topology', (c) => { child = c; }, { env: { ONEWINDOW_TOPOLOGY: 'cluster', ENGINE: 'zeebe' }, output: (t) => { output += t; } })
      .then((s) => { running.push(s); return undefined; }, (e: Error) => e);
    expect(refused, 'a cluster server on FerretDB must not serve').to.be.instanceOf(Error);
    expect(child!.exitCode).to.equal(1);
    expect(output).to.match(/cluster needs MongoDB/);
    expect(output).to.match(/FerretDB/);
  });

  it('runs two processes side by side and counts sign-in failures and progress guesses across both', async () => {
    const a = await startServer(uri(), 'cluster-topology', undefined, { env: cluster });
    running.push(a);
    const b = await startServer(uri(), 'cluster-topology', undefined, { env: cluster });
    running.push(b);
    const both = [a, b];

    // 5 failed sign-ins in 15 minutes per username (auth/lockout.ts), spread over both processes
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${both[i % 2].baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: `wrong-${i}` }) });
      expect(res.status, `attempt ${i + 1}`).to.equal(401);
    }
    for (const server of both) {
      const locked = await fetch(`${server.baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'wrong' }) });
      expect(locked.status).to.equal(429);
      expect(locked.headers.get('content-type')).to.match(/^application\/problem\+json/);
    }

    // 10 wrong phone digits per case number in 15 minutes (intake/routes.ts), spread over both processes
    const progress = (server: ServerProcess, digits: string) => fetch(`${server.baseUrl}/api/public/cases/ZW20261201-0001/progress?phoneLast4=${digits}`);
    for (let i = 0; i < 10; i++) expect((await progress(both[i % 2], String(1000 + i))).status, `guess ${i + 1}`).to.equal(404);
    for (const server of both) {
      const limited = await progress(server, '2000');
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('retry-after'))).to.be.greaterThan(0);
    }
  });
});

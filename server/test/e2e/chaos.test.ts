import { expect } from 'chai';
import { ferretDbBinary } from '../ferretdb.ts';
import { runChaos } from './chaos.ts';

/**
 * The small crash test of the whole system in scripts/test (issue 17): 20 cases, the server killed
 * with SIGKILL 3 times and FerretDB once; scripts/chaos runs the full size (100 cases, 10 kills).
 */
describe('chaos: concurrent clients, the server killed at random and the database killed once', function () {
  this.timeout(600_000);
  it('keeps every acknowledged case, brings each to its end, and doubles nothing', async function () {
    // it kills and restarts its own FerretDB: without the binary (a run against MongoDB only) it cannot
    if (!ferretDbBinary) this.skip();
    const report = await runChaos({ cases: 20, kills: 3, log: (line) => { if (process.env.CHAOS_LOG) console.warn(line); } });
    expect(report.problems).to.deep.equal([]);
    expect(report.kills).to.equal(3);
    expect(report.databaseKills).to.equal(1);
    expect(report.acknowledged).to.equal(20);
    expect(report.completed).to.equal(20);
    expect(report.auditChainOk).to.equal(true);
    expect([report.sealUses, report.sealedDecisions, report.certificates, report.granted]).to.deep.equal([20, 20, 20, 20]);
  });
});

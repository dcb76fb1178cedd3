/**
 * Crash test: the executor runs in a child process that is killed with SIGKILL while instances are
 * in flight, at user tasks and at timers, or kills itself inside a group-commit batch; a second
 * child picks everything up. Every instance must finish exactly once: one side effect per step,
 * counted idempotently by job key.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { readEventLog } from './embedded/event-log.ts';

const CHILD = fileURLToPath(new URL('./embedded/crash-child.ts', import.meta.url));
const CASES = 40;

function startChild(uri: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, uri], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(child); });
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('engine crash recovery (SIGKILL)', function () {
  this.timeout(90_000);
  let db: Connection;
  let child: ChildProcess | undefined;

  before(async () => { db = await testDatabase('engine_crash'); });
  after(async () => {
    child?.kill('SIGKILL');
    await db.dropDatabase();
    await db.close();
  });

  const databaseUri = () => {
    const url = new URL(process.env.MONGODB_URI!);
    url.pathname = `/${db.name}`;
    return url.toString();
  };

  /** After the kill: a new executor completes every user task it hears of; every started instance ends, each job's effect once. */
  async function restartAndExpectEachOnce(uri: string, options: { midFlight: boolean }): Promise<number> {
    const instances = db.db!.collection('engine_instances');
    // a write the child sent just before it died may still be applied by the database
    await sleep(500);
    const startedBeforeCrash = await instances.countDocuments();
    expect(startedBeforeCrash).to.be.greaterThan(0).and.at.most(CASES);
    if (options.midFlight) {
      expect(startedBeforeCrash).to.be.lessThan(CASES);
      const waiting = await instances.countDocuments({ state: 'active', $or: [{ 'taskKeys.0': { $exists: true } }, { nextTimerAt: { $ne: null } }] });
      expect(waiting, 'instances waiting at tasks or timers when killed').to.be.greaterThan(0);
    }
    // and a new executor starts that completes every user task it hears of
    child = await startChild(uri, { COMPLETE_TASKS: '1' });
    // then every instance that was started completes
    for (let i = 0; i < 400; i++) {
      if ((await instances.countDocuments({ state: 'completed' })) === startedBeforeCrash) break;
      await sleep(100);
    }
    expect(await instances.countDocuments({ state: 'completed' })).to.equal(startedBeforeCrash);
    expect(await instances.countDocuments({ state: { $ne: 'completed' } })).to.equal(0);
    // and exactly once: one work and one finish job per instance, however often a job was delivered
    const effects = await db.db!.collection('crash_effects').find().toArray();
    for (const type of ['crash-work', 'crash-finish']) {
      const perInstance = new Map<string, number>();
      for (const e of effects.filter((x) => x.type === type)) perInstance.set(e.instance, (perInstance.get(e.instance) ?? 0) + 1);
      expect(perInstance.size, type).to.equal(startedBeforeCrash);
      expect([...perInstance.values()].every((n) => n === 1), `${type} once per instance`).to.equal(true);
    }
    const ends = (await readEventLog(db.db!.collection('engine_events'))).filter((l) => l.elementId === 'end' && l.intent === 'completed').length;
    expect(ends).to.be.at.most(startedBeforeCrash);
    return startedBeforeCrash;
  }

  async function emptyDatabase(): Promise<void> {
    child?.kill('SIGKILL');
    for (const name of ['engine_instances', 'engine_events', 'crash_effects', 'crash_tasks']) await db.db!.collection(name).deleteMany({});
  }

  it('finishes every instance exactly once after the executor is killed mid-flight and restarted', async () => {
    // given an executor that starts 40 cases, half of them waiting at a timer beside a user task
    const uri = databaseUri();
    child = await startChild(uri, { START: String(CASES) });
    const instances = db.db!.collection('engine_instances');
    // when it is killed while cases are being started, jobs run and tasks are created
    for (let i = 0; i < 200 && (await instances.countDocuments()) < CASES / 2; i++) await sleep(25);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    await restartAndExpectEachOnce(uri, { midFlight: true });
  });

  for (const at of ['written', 'sent'] as const) {
    it(`finishes every instance exactly once after the executor is killed inside a group-commit batch (${at === 'written' ? 'written, no caller answered yet' : 'sent, not yet answered'})`, async () => {
      // given an executor that kills itself inside its 4th batch of two or more instance writes
      await emptyDatabase();
      const uri = databaseUri();
      child = await startChild(uri, { START: String(CASES), KILL_IN_BATCH: '4', KILL_AT: at });
      let said = '';
      child.stdout!.on('data', (d: Buffer) => { said += d.toString(); });
      // when it dies there
      const [, signal] = await new Promise<[number | null, string | null]>((r) => child!.once('exit', (code, sig) => r([code, sig])));
      expect(signal, 'the child killed itself').to.equal('SIGKILL');
      expect(said).to.match(/batch (\d+)/);
      expect(Number(/batch (\d+)/.exec(said)![1]), 'writes in the batch').to.be.at.least(2);
      // then a new executor finishes every instance that was started, each step once
      await restartAndExpectEachOnce(uri, { midFlight: false });
    });
  }

  it('takes back at once, on restart, the jobs a killed executor held locked (not after their 5-minute lock)', async () => {
    // given an executor whose work jobs are locked for 5 minutes and never answered
    await emptyDatabase();
    child = await startChild(databaseUri(), { START: '3', HANG: '1', JOB_TIMEOUT_MS: '300000' });
    const instances = db.db!.collection('engine_instances');
    for (let i = 0; i < 200 && (await instances.countDocuments()) < 3; i++) await sleep(25);
    await sleep(300);
    // when it is killed and a new executor starts
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const startedAt = Date.now();
    child = await startChild(databaseUri(), { COMPLETE_TASKS: '1' });
    // then every instance completes within seconds
    for (let i = 0; i < 100 && (await instances.countDocuments({ state: 'completed' })) < 3; i++) await sleep(100);
    expect(await instances.countDocuments({ state: 'completed' }), 'completed within 10 s of the restart').to.equal(3);
    expect(Date.now() - startedAt).to.be.below(15_000);
  });
});

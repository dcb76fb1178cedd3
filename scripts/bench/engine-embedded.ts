/** Benchmark parts on the embedded executor: full cases, state size, pick-up of due timers after a restart. */
import { BSON } from 'mongodb';
import type { Connection } from 'mongoose';
import { EmbeddedEngine } from '../../server/src/engine/embedded/engine.ts';
import { genericXml, timerXml } from './engine-process.ts';

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function pool<T>(n: number, concurrency: number, work: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await work(next++);
  }));
}

function workers(engine: EmbeddedEngine) {
  for (const type of ['bench-receive', 'bench-transfer', 'bench-issue']) {
    engine.registerWorker(type, async () => ({ outcome: 'complete', variables: { [type.slice(6)]: true } }), { maxActiveJobs: 32 });
  }
}

/** Runs `cases` generic cases end to end; user tasks are completed as soon as they are created. */
export async function fullCases(db: Connection, cases: number, concurrency: number) {
  const engine = new EmbeddedEngine({ db });
  workers(engine);
  const latencies: number[] = [];
  const done = new Map<string, () => void>();
  const pending: Promise<void>[] = [];
  engine.onUserTask(async (e) => {
    if (e.type !== 'created' || e.task.variables.hold) return;
    pending.push((async () => {
      await new Promise((r) => setImmediate(r));
      const t0 = performance.now();
      await engine.completeUserTask(e.task.key, { opinion: 'ok' });
      latencies.push(performance.now() - t0);
    })());
  });
  const completed = new Set<string>();
  engine.onEvent((e) => {
    if (e.elementType !== 'process' || e.intent !== 'completed') return;
    completed.add(e.processInstanceKey);
    done.get(e.processInstanceKey)?.();
  });
  await engine.start();
  await engine.deploy({ name: 'generic.bpmn', xml: genericXml });
  const t0 = performance.now();
  await pool(cases, concurrency, async (i) => {
    let finish!: () => void;
    const finished = new Promise<void>((r) => { finish = r; });
    const { processInstanceKey } = await engine.startInstance({ processId: 'bench_generic', variables: { caseId: `B-${i}`, applicant: '张三', matter: 'zjj_001' } });
    done.set(processInstanceKey, finish);
    if (!completed.has(processInstanceKey)) await finished;
  });
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(pending);
  await engine.stop();
  return { cases, seconds, casesPerSecond: cases / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), completions: latencies.length, batches: engine.batchSizes?.() };
}

/** Average stored size of an instance waiting at its three reviews. */
export async function stateBytes(db: Connection, count: number) {
  const engine = new EmbeddedEngine({ db });
  workers(engine);
  await engine.start();
  await engine.deploy({ name: 'generic.bpmn', xml: genericXml });
  const keys: string[] = [];
  await pool(count, 16, async (i) => { keys.push((await engine.startInstance({ processId: 'bench_generic', variables: { caseId: `W-${i}`, applicant: '张三', matter: 'zjj_001', hold: true } })).processInstanceKey); });
  for (let i = 0; i < 600; i++) {
    if ((await engine.c.instances.countDocuments({ _id: { $in: keys }, 'taskKeys.2': { $exists: true } })) === count) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await engine.stop();
  const docs = await engine.c.instances.find({ _id: { $in: keys } }).toArray();
  const sizes = docs.map((d) => BSON.calculateObjectSize(d));
  return { waiting: docs.length, avgBytes: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length), maxBytes: Math.max(...sizes) };
}

/** Creates `count` instances waiting at a one-hour timer, restarts two hours later, times until all completed. */
export async function timerPickup(db: Connection, count: number) {
  let offset = 0;
  const clock = () => Date.now() + offset;
  const before = new EmbeddedEngine({ db, now: clock });
  await before.start();
  await before.deploy({ name: 'timer.bpmn', xml: timerXml });
  const c0 = performance.now();
  await pool(count, 32, async () => { await before.startInstance({ processId: 'bench_timer' }); });
  const createSeconds = (performance.now() - c0) / 1000;
  await before.stop();
  offset = 2 * 3_600_000;
  const after = new EmbeddedEngine({ db, now: clock });
  let completed = 0;
  let allDone!: () => void;
  const finished = new Promise<void>((r) => { allDone = r; });
  after.onEvent((e) => { if (e.elementType === 'process' && e.intent === 'completed' && ++completed === count) allDone(); });
  const t0 = performance.now();
  await after.start();
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  await after.stop();
  return { instances: count, seconds, createSeconds, batches: after.batchSizes?.() };
}

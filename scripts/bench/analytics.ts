/**
 * Benchmark of the director's view (docs/benchmarks.md, Analytics):
 * 1. fold `facts` synthetic step facts (and a case fact per four steps) into the in-process
 *    roll-ups — the cost of keeping them current, and of the rebuild at start, less the reading;
 * 2. the bottleneck report of one process and the hall dashboard over those roll-ups, p50/p99;
 * 3. the durable path: `durable` completions through the real listener on the database
 *    (read the board's task and the case fact, journal the fact, insert it, fold it), events/s;
 * 4. start-up: the snapshot of the roll-ups written and loaded again (the start with a snapshot),
 *    and the full rebuild folding `stored` facts read from the database (the start without one).
 */
import os from 'node:os';
import mongoose from 'mongoose';
import { Analytics } from '../../server/src/analytics/index.ts';
import type { CaseFact, TaskFact } from '../../server/src/analytics/index.ts';
import { random } from '../../server/src/analytics/history/plan.ts';
import { bottlenecks, hallFigures } from '../../server/src/analytics/reports.ts';
import { CalendarService } from '../../server/src/calendar/index.ts';
import { connectDatabase } from '../../server/src/shared/db.ts';
import { taskModel } from '../../server/src/tasks/index.ts';
import { measureStartup } from './analytics-startup.ts';

const facts = Number(process.argv[2] ?? 1_000_000);
const durable = Number(process.argv[3] ?? 2_000);
const stored = Number(process.argv[4] ?? Math.min(facts, 100_000));
const rnd = random(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const matters = Array.from({ length: 50 }, (_, i) => ({ code: `m${i}`, dept: `d${i % 23}` }));
const windows = [...Array.from({ length: 17 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 73 }, (_, i) => `K${String(i + 1).padStart(3, '0')}`)];
const processes = [['single-department-approval', ['review', 'decide', 'handOver']], ['parallel-approval', ['review', 'police', 'fire', 'decide', 'handOver']], ['joint-drawing-review', ['intake', 'review', 'consolidate', 'decide']]] as const;
const day0 = Date.parse('2025-12-01T01:00:00Z');

function stepFact(i: number): TaskFact {
  const [processId, elements] = pick(processes);
  const m = pick(matters);
  const created = new Date(day0 + Math.floor(rnd() * 365) * 86_400_000);
  const hours = Math.round(rnd() * 200 * 100) / 100;
  const completed = new Date(created.getTime() + hours * 3_600_000);
  return {
    _id: `t${i}`, matterCode: m.code, departmentCode: m.dept, windowNumber: pick(windows), zone: rnd() < 0.1 ? 'shapotou' : 'city',
    processId, processVersion: 1 + Math.floor(rnd() * 3), elementId: pick(elements), name: 'step', caseNumber: `c${i >> 2}`, assignee: `u${Math.floor(rnd() * 200)}`,
    createdAt: created, claimedAt: created, completedAt: completed, day: completed.toISOString().slice(0, 10), dueAt: null, outcome: rnd() < 0.05 ? 'returned' : 'approved',
    waitHours: hours / 3, handleHours: (hours * 2) / 3, hours, workingDays: Math.floor(hours / 24), overdue: rnd() < 0.1,
  };
}
function caseFact(i: number): CaseFact {
  const m = pick(matters);
  const w = pick(windows);
  return {
    _id: `c${i}`, matterCode: m.code, departmentCode: m.dept, windowNumber: w, zone: rnd() < 0.1 ? 'shapotou' : 'city', clerk: `clerk${Math.floor(rnd() * 120)}`,
    windowGroup: w.startsWith('C') ? 'comprehensive' : 'categorized', day: new Date(day0 + Math.floor(rnd() * 365) * 86_400_000).toISOString().slice(0, 10),
    status: 'completed', handlingType: rnd() < 0.3 ? 'immediate' : 'promised', acceptanceMode: 'standard', decisionHours: rnd() * 4, completed: true, onTime: rnd() < 0.9,
    workingDaysUsed: Math.floor(rnd() * 20), legalLimitDays: 20, promisedLimitDays: 10, corrections: rnd() < 0.2 ? 1 : 0, returns: 0, pendingMaterials: false, pendingKept: false, commitment: false,
  };
}

const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x: number) => Math.round(x * 100) / 100;
function time(fn: () => unknown, runs = 50): { p50: number; p99: number } {
  fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { p50: round(percentile(ms, 0.5)), p99: round(percentile(ms, 0.99)) };
}

const db = process.env.MONGODB_URI ? await connectDatabase(process.env.MONGODB_URI) : mongoose.createConnection();
const analytics = new Analytics({ db, calendar: new CalendarService({ db }) });
// generated in batches (not kept), only the folding timed
const caseCount = Math.ceil(facts / 4);
let foldNs = 0n;
let t0: bigint;
for (let from = 0; from < facts; from += 10_000) {
  const batch = Array.from({ length: Math.min(10_000, facts - from) }, (_, i) => stepFact(from + i));
  const cases = Array.from({ length: Math.ceil(batch.length / 4) }, (_, i) => caseFact((from >> 2) + i)).slice(0, Math.max(0, caseCount - (from >> 2)));
  t0 = process.hrtime.bigint();
  for (const f of batch) analytics.rollups.foldTask(f);
  for (const c of cases) analytics.rollups.foldCase(c);
  foldNs += process.hrtime.bigint() - t0;
}
const foldMs = Number(foldNs) / 1e6;
const cases = { length: caseCount };
const now = new Date('2026-12-01T02:00:00Z');
const bottleneck = time(() => bottlenecks(analytics, { processId: 'single-department-approval' }, now));
const bottleneckRange = time(() => bottlenecks(analytics, { processId: 'single-department-approval', from: '2026-03-01', to: '2026-05-31', departmentCode: 'd3' }, now));
const hall = time(() => hallFigures(analytics, {}, now, 50));
const cells = { steps: analytics.rollups.steps.size, approvers: analytics.rollups.approvers.size, cases: analytics.rollups.cases.size };
const heapMb = Math.round(process.memoryUsage().heapUsed / 1e6);

let durableEventsPerSecond: number | null = null;
if (process.env.MONGODB_URI && durable > 0) {
  const live = new Analytics({ db, calendar: new CalendarService({ db }) });
  await live.ready();
  const tasks = taskModel(db);
  const user = (i: number) => ({ key: `b${i}`, processInstanceKey: `p${i}`, processId: 'single-department-approval', processVersion: 1, elementId: 'review', elementInstanceKey: `e${i}`, name: '审查', candidateGroups: ['dept:zjj'], candidateUsers: [], customHeaders: {}, variables: { caseId: `c${i}` }, createdAt: new Date(now.getTime() - 5 * 3_600_000).toISOString() });
  for (let i = 0; i < durable; i++) {
    await tasks.create({ _id: `b${i}`, kind: 'engine', name: '审查', state: 'completed', caseNumber: `c${i}`, completedBy: 'approver.zjj', outcome: 'approved', closedAt: now, createdAt: now, history: [], rev: 1 });
  }
  t0 = process.hrtime.bigint();
  for (let i = 0; i < durable; i++) await live.onUserTask({ type: 'completed', task: user(i) });
  durableEventsPerSecond = Math.round(durable / (Number(process.hrtime.bigint() - t0) / 1e9));
  await db.dropDatabase();
}
const startup = process.env.MONGODB_URI ? await measureStartup(db, analytics, stored, stepFact) : null;
await db.close();

const result = {
  bench: 'analytics', facts, caseFacts: cases.length, cells,
  foldEventsPerSecond: Math.round((facts + cases.length) / (foldMs / 1000)), bottleneckMs: bottleneck, bottleneckFilteredMs: bottleneckRange, hallMs: hall,
  durable, durableEventsPerSecond, startup, database: process.env.MONGODB_URI ? 'FerretDB 1.24 (SQLite)' : 'none', heapMb,
  node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model,
};
console.log(`fold ${result.foldEventsPerSecond} events/s; bottleneck p50 ${bottleneck.p50} ms p99 ${bottleneck.p99} ms; narrowed p50 ${bottleneckRange.p50} ms p99 ${bottleneckRange.p99} ms; hall p50 ${hall.p50} ms p99 ${hall.p99} ms; durable ${durableEventsPerSecond ?? '—'} events/s`);
if (startup) console.log(`start-up: snapshot written in ${startup.snapshotWriteMs} ms (${startup.snapshotMb} MB), loaded in ${startup.startFromSnapshotMs} ms; full rebuild of ${stored} stored facts ${startup.rebuildMs} ms (${startup.rebuildFactsPerSecond} facts/s)`);
console.log(JSON.stringify(result));

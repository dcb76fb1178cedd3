/**
 * Benchmark of the task board: N open tasks across 30 departments in `tasks`, a few hundred of them
 * backed by real engine instances; 50 clients (approvers of the departments) over real HTTP, each
 * looping: list "my group's tasks" (GET /api/tasks?list=groups), and every tenth operation claim +
 * approve a task of its department while some are left (the first BENCH_COMPLETERS clients, default 5).
 * Reports p50/p99 and throughput, and the latency of one client alone. The 50 clients run in a
 * worker thread (tasks-clients.mjs), so their HTTP work does not queue on the server's event loop.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { buildApp } from '../../server/src/app.ts';
import { TokenService } from '../../server/src/auth/index.ts';
import { createEngine } from '../../server/src/engine/factory.ts';
import { connectDatabase } from '../../server/src/shared/db.ts';
import { createLogger } from '../../server/src/shared/logger.ts';
import { taskModel } from '../../server/src/tasks/index.ts';
import { insertOpenTasks } from './open-tasks.ts';
import { ensureFerretIdIndexes } from '../../server/src/shared/ferretdb-ids.ts';
import { reviewProcess } from './review-process.ts';

const size = Number(process.argv[2] ?? 100_000);
const seconds = Number(process.argv[3] ?? 20);
const clients = 50;
/** BENCH_COMPLETE=0 measures the lists alone. */
const completing = process.env.BENCH_COMPLETE !== '0';
/** How many of the clients also complete tasks (each every tenth operation). */
const completers = Number(process.env.BENCH_COMPLETERS ?? 5);
const departments = Array.from({ length: 30 }, (_, i) => `b${String(i + 1).padStart(2, '0')}`);
const engineBacked = Math.min(120, Math.max(30, Math.floor(size / 1000)));
const config = { JWT_SECRET: 'bench-secret-0123456789-0123456789-abcdef', JWT_ISSUER: 'onewindow', JWT_AUDIENCE: 'onewindow-api', ACCESS_TOKEN_TTL_SECONDS: 3600, BODY_LIMIT: '100kb' };
const uri = new URL(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/bench');
uri.pathname = `/bench_tasks_${process.pid}`;
const db = await connectDatabase(uri.toString());
const log = (message: string) => console.log(`[bench] ${message}`);

// 1. N open board tasks (the projection's shape), spread over departments, due dates and matters
const tasks = taskModel(db);
await tasks.init();
let started = performance.now();
await insertOpenTasks(tasks as never, size, departments, (i, dept) => ({
  assignee: i % 7 === 0 ? `approver.${dept}` : null, matterCode: `${dept}_m${i % 5}`, form: { caseId: `ZW20261201-${i}` },
}));
log(`${size} open tasks inserted in ${Math.round(performance.now() - started)} ms`);
// As the server does beside its own FerretDB: the `_id` index FerretDB 1.24 lacks (shared/ferretdb-ids.ts).
const idIndex = (dir = process.env.FERRETDB_SQLITE_DIR) => dir && ensureFerretIdIndexes(dir, db.db!.databaseName);
idIndex();

// 2. the app with the embedded engine, and engine-backed tasks to complete
const engine = createEngine({ db });
const tokens = new TokenService(config);
const { app, services } = buildApp({ config, db, logger: createLogger('silent'), tokens, health: {}, engine, ferretdbSqliteDir: process.env.FERRETDB_SQLITE_DIR });
await engine.start();
idIndex();
await engine.deploy(reviewProcess('bench-review'));
started = performance.now();
for (let i = 0; i < engineBacked; i++) {
  await engine.startInstance({ processId: 'bench-review', variables: { caseId: `ZW20261202-${String(i).padStart(4, '0')}`, matterCode: 'bench', departmentCode: departments[i % departments.length] } });
}
log(`${engineBacked} engine instances started in ${Math.round(performance.now() - started)} ms`);
started = performance.now();
await services.board!.ready();
const loadMs = Math.round(performance.now() - started);
log(`board index loaded in ${loadMs} ms`);
const pool = new Map(departments.map((d) => [d, [] as string[]]));
for (const t of await tasks.find({ processId: 'bench-review', state: 'open' }, { _id: 1, departmentCode: 1 }).lean()) pool.get(t.departmentCode!)!.push(t._id);

const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const tokenOf = new Map<string, string>();
for (const d of departments) tokenOf.set(d, await tokens.sign({ userId: `u-${d}`, username: `approver.${d}`, roles: ['approver'], departmentCode: d }));

// 3. one client alone first (latency without queueing), then 50 clients for `seconds`
const alone: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  await fetch(`${base}/api/tasks?list=groups&pageSize=20`, { headers: { authorization: `Bearer ${tokenOf.get(departments[i % 30])}` } }).then((r) => r.json());
  alone.push(performance.now() - t0);
}
const completeAlone: number[] = [];
for (const d of completing ? departments.slice(0, 3) : []) {
  const key = pool.get(d)!.pop()!;
  const t0 = performance.now();
  await fetch(`${base}/api/tasks/${key}/claim`, { method: 'POST', headers: { authorization: `Bearer ${tokenOf.get(d)}`, 'content-type': 'application/json' }, body: '{}' });
  await fetch(`${base}/api/tasks/${key}/approve`, { method: 'POST', headers: { authorization: `Bearer ${tokenOf.get(d)}`, 'content-type': 'application/json' }, body: '{}' });
  completeAlone.push(performance.now() - t0);
}
// 3. 50 clients for `seconds`, in a worker thread (their fetch and JSON work off the server's event loop)
const input = {
  base, clients, seconds, completing, completers, departments,
  tokens: Object.fromEntries(tokenOf), pool: Object.fromEntries(pool),
};
type ClientsResult = { lists: number[]; completes: number[]; errors: number; listedItems: number };
function runClients(workerData: typeof input & { listPath?: string }): Promise<ClientsResult> {
  const worker = new Worker(new URL('./tasks-clients.mjs', import.meta.url), { workerData });
  return new Promise<ClientsResult>((resolve, reject) => {
    worker.once('message', (m: ClientsResult) => { void worker.terminate(); resolve(m); });
    worker.once('error', reject);
  });
}
const profile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
const elu0 = performance.eventLoopUtilization();
const { lists, completes, errors, listedItems } = await runClients(input);
const serverLoopBusy = Number(performance.eventLoopUtilization(elu0).utilization.toFixed(2));
if (profile) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(await profile()));
// 4. The HTTP floor: the same 50 clients on the lightest authenticated route (the user's packed
// rules: token, ability, a small JSON, no database), so the list's figures can be read against it.
const floor = await runClients({ ...input, completing: false, seconds: Math.min(5, seconds), listPath: '/api/auth/abilities' });

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the server's thread while the clients run. */
async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => (await session.post('Profiler.stop')).profile;
}

const pctOf = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
};
server.close();
await engine.stop();
await db.dropDatabase();
await db.close();
const result = {
  bench: 'tasks', database: process.env.BENCH_DATABASE ?? 'MONGODB_URI', openTasks: size, engineBacked, clients, completers: completing ? completers : 0, seconds,
  boardLoadMs: loadMs, listAlone: { p50ms: pctOf(alone, 50), p99ms: pctOf(alone, 99) },
  completeAloneMs: completeAlone.map((x) => Math.round(x)),
  list: { count: lists.length, p50ms: pctOf(lists, 50), p99ms: pctOf(lists, 99), perSecond: Math.round(lists.length / seconds), avgItems: Number((listedItems / Math.max(1, lists.length)).toFixed(1)) },
  complete: { count: completes.length, p50ms: pctOf(completes, 50), p99ms: pctOf(completes, 99), perSecond: Number((completes.length / seconds).toFixed(1)) },
  errors, serverLoopBusy,
  httpFloor: { route: 'GET /api/auth/abilities', count: floor.lists.length, p50ms: pctOf(floor.lists, 50), p99ms: pctOf(floor.lists, 99), perSecond: Math.round(floor.lists.length / Math.min(5, seconds)), errors: floor.errors },
  targetListP99ms: 50, node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
};
log(`list p50 ${result.list.p50ms} ms, p99 ${result.list.p99ms} ms, ${result.list.perSecond}/s; claim+approve p50 ${result.complete.p50ms} ms, p99 ${result.complete.p99ms} ms, ${result.complete.perSecond}/s; errors ${errors}`);
console.log(JSON.stringify(result));
process.exit(0);

/**
 * A day's load on one real server: `users` simulated people for `seconds` over real HTTP — window
 * clerks receiving complete applications, approvers listing their board, opening tasks, claiming
 * and approving the review steps, citizens asking for progress — each pausing between actions as
 * a person does (think times below). The server is the real entry point (server/src/main.ts) that
 * scripts/bench/soak started; this process only talks to it and reads its /proc entries.
 * Last line: JSON (errors, p50/p99 per route, RSS and open files at start and end, event loop delay).
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const users = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 600);
const base = process.env.SOAK_BASE_URL!;
const serverPid = Number(process.env.SOAK_SERVER_PID);
const password = 'Demo-2026-onewindow';
const log = (message: string) => console.log(`[soak] ${message}`);

// the answers' shapes are the API's (GET /api/openapi.json); the load only reads a few fields of them
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Sample { route: string; ms: number; status: number }
const samples: Sample[] = [];
const unexpected: Array<{ route: string; status: number; body: string }> = [];

/** One request, timed and recorded under its route template; `expected` statuses are not errors. */
async function call(route: string, method: string, path: string, token?: string, body?: unknown, expected: number[] = []): Promise<{ status: number; json: Json }> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  samples.push({ route, ms: performance.now() - started, status: res.status });
  if (res.status >= 400 && !expected.includes(res.status)) unexpected.push({ route, status: res.status, body: text.slice(0, 300) });
  return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

async function signIn(username: string): Promise<string> {
  const res = await call('POST /api/auth/sign-in', 'POST', '/api/auth/sign-in', undefined, { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
  return res.json.accessToken;
}

/** CPU seconds a process has used so far (user + system, from /proc; 0 when it is not known). */
function cpuSecondsOf(pid: number): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const dbPid = Number(process.env.SOAK_DB_PID ?? 0);

function procFigures() {
  const status = readFileSync(`/proc/${serverPid}/status`, 'utf8');
  return { rssMb: Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024), openFiles: readdirSync(`/proc/${serverPid}/fd`).length };
}

/**
 * Think time per role, as a hall works: a clerk takes the next applicant every 20–40 s (receiving
 * takes minutes in a real hall: this is already several times a busy day), an approver acts every
 * 5–15 s, a citizen looks every 5–15 s. SOAK_PACE scales them all (0.5 = twice as fast).
 */
const pace = Number(process.env.SOAK_PACE ?? 1);
const pause = (fromS: number, toS: number) => new Promise((r) => setTimeout(r, pace * 1000 * (fromS + Math.random() * (toS - fromS))));
const deadline = () => performance.now() >= endAt;
let endAt = 0;

// Given: the approver of 住建 holds the powers over its matters (granted by its department admin, as a hall does)
const admin = await signIn('admin.zjj');
const approverId = (await call('GET /api/users', 'GET', '/api/users?departmentCode=zjj&role=approver', admin)).json.items.find((u: { username: string }) => u.username === 'approver.zjj').id;
const year = new Date().getFullYear();
await call('POST /api/delegations', 'POST', '/api/delegations', admin, { granteeId: approverId, powers: ['reviewAndReport', 'decide', 'useSeal'], scope: { allMatters: true }, validFrom: `${year - 1}-01-01`, validTo: `${year + 1}-12-31` });
const tokens = { clerk: await signIn('clerk'), approver: await signIn('approver.zjj') };
const matter = (await call('GET /api/matters/:code', 'GET', '/api/matters/zjj_sgxk', tokens.clerk)).json;
const received: string[] = [];

async function clerk(): Promise<void> {
  while (!deadline()) {
    const res = await call('POST /api/cases', 'POST', '/api/cases', tokens.clerk, {
      matterCode: 'zjj_sgxk', decision: { outcome: 'accept' },
      applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, contact: { name: '马文静', phone: '13995012866' },
      materials: matter.materials.map((m: { name: string }) => ({ name: m.name, provided: true })),
    });
    if (res.status === 201) received.push(res.json.caseNumber);
    await pause(20, 40);
  }
}

async function approver(): Promise<void> {
  while (!deadline()) {
    const list = await call('GET /api/tasks?list=groups', 'GET', '/api/tasks?list=groups&pageSize=20', tokens.approver);
    // as people do, each picks one of the tasks in view, not all the first
    const open = (list.json?.items ?? []).filter((t: { step: string }) => t.step !== 'decide' && t.step !== 'handOver');
    const task = open[Math.floor(Math.random() * open.length)];
    await pause(5, 15);
    if (task && !deadline()) {
      await call('GET /api/tasks/:key', 'GET', `/api/tasks/${task.key}`, tokens.approver);
      // two approvers may pick the same task: the second is told 409, which is the board working
      const claimed = await call('POST /api/tasks/:key/claim', 'POST', `/api/tasks/${task.key}/claim`, tokens.approver, {}, [409]);
      if (claimed.status === 200) await call('POST /api/tasks/:key/approve', 'POST', `/api/tasks/${task.key}/approve`, tokens.approver, { opinion: '同意' }, [409]);
      await pause(5, 15);
    }
  }
}

async function citizen(): Promise<void> {
  while (!deadline()) {
    const caseNumber = received[Math.floor(Math.random() * received.length)];
    if (caseNumber) await call('GET /api/public/cases/:caseNumber/progress', 'GET', `/api/public/cases/${caseNumber}/progress?phoneLast4=2866`);
    await pause(5, 15);
  }
}

const clerks = Math.max(1, Math.round(users * 0.1));
const citizens = Math.max(1, Math.round(users * 0.15));
const approvers = Math.max(1, users - clerks - citizens);
const atStart = procFigures();
const cpuAtStart = { server: cpuSecondsOf(serverPid), database: cpuSecondsOf(dbPid) };
const cpuStart = os.cpus().reduce((s, c) => s + c.times.user + c.times.sys, 0);
log(`${clerks} clerks, ${approvers} approvers, ${citizens} citizens for ${seconds} s against pid ${serverPid}`);
endAt = performance.now() + seconds * 1000;
await Promise.all([
  ...Array.from({ length: clerks }, clerk), ...Array.from({ length: approvers }, approver), ...Array.from({ length: citizens }, citizen),
]);
const atEnd = procFigures();
const cpuAtEnd = { server: cpuSecondsOf(serverPid), database: cpuSecondsOf(dbPid) };
const health = (await call('GET /healthz', 'GET', '/healthz')).json;

const byRoute: Record<string, { count: number; p50: number; p99: number; max: number }> = {};
for (const route of [...new Set(samples.map((s) => s.route))]) {
  const ms = samples.filter((s) => s.route === route).map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]);
  byRoute[route] = { count: ms.length, p50: at(0.5), p99: at(0.99), max: Math.round(ms[ms.length - 1]) };
}
for (const u of unexpected.slice(0, 5)) log(`unexpected ${u.status} on ${u.route}: ${u.body}`);
console.log(JSON.stringify({
  benchmark: 'soak', users, seconds, pace, requests: samples.length, errors: unexpected.length,
  conflicts409: samples.filter((s) => s.status === 409).length, casesReceived: received.length,
  routes: byRoute, server: { atStart, atEnd, rssGrowthMb: atEnd.rssMb - atStart.rssMb, openFilesGrowth: atEnd.openFiles - atStart.openFiles },
  eventLoopDelayMs: health?.components?.process?.eventLoopDelayMs,
  // where the machine's CPU went: the server's node process, the database (FerretDB), the rest (Chromium, this client, other work)
  cpuSeconds: { server: Math.round(cpuAtEnd.server - cpuAtStart.server), database: Math.round(cpuAtEnd.database - cpuAtStart.database) },
  machineCpuSeconds: Math.round((os.cpus().reduce((s, c) => s + c.times.user + c.times.sys, 0) - cpuStart) / 1000),
  database: process.env.BENCH_DATABASE ?? 'MONGODB_URI', cpus: os.cpus().length, loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100),
}));

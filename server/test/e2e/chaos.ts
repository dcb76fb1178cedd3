import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { sealUseModel, decisionModel } from '../../src/approval/index.ts';
import { AuditTrail } from '../../src/audit/index.ts';
import { hashPassword, userModel } from '../../src/auth/index.ts';
import { caseModel } from '../../src/intake/index.ts';
import { certificateModel } from '../../src/issuing/index.ts';
import { seed } from '../../src/seed/seed.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.ts';
import { connectDatabase } from '../../src/shared/db.ts';
import { taskModel } from '../../src/tasks/index.ts';
import { startFerretDb } from '../ferretdb.ts';
import { startServer, type ServerProcess } from '../server-process.ts';
import { signInAt } from '../support.ts';

/**
 * The crash test of the whole system (issue 17): `cases` construction-permit cases driven by
 * concurrent clients through intake, review, decision with the seal and hand-over, while the server
 * is killed with SIGKILL `kills` times at random moments and restarted, and its FerretDB is killed
 * and restarted once. Returns the figures and the list of broken promises (empty when all hold).
 */
export interface ChaosReport {
  cases: number; kills: number; databaseKills: number; clients: number; seconds: number;
  acknowledged: number; completed: number; orphanCases: number; unfinishedReceives: number;
  sealUses: number; sealedDecisions: number; certificates: number; granted: number;
  restartMs: { median: number; max: number }; auditChainOk: boolean; problems: string[];
}

const MATTER = 'zjj_sgxk';
const trusted = <T>(q: T): T => mongoose.trusted(q) as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(options: { cases: number; kills: number; clients?: number; log?: (line: string) => void }): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-chaos-'));
  let ferret = await startFerretDb(dir);
  const uri = ferret.uri('chaos');
  const db = await connectDatabase(uri);
  const marker = `chaos-${process.pid}-${Date.now()}`;
  const children: ChildProcess[] = [];
  const restarts: number[] = [];
  let server: ServerProcess | undefined;
  let stopping = false;
  const tokens = new Map<string, string>();

  /** Starts the server; a server that dies by itself (the database went away) is started again, as a supervisor would. */
  const start = async (): Promise<void> => {
    const t0 = Date.now();
    for (;;) {
      try {
        const s = await startServer(uri, marker, (child) => children.push(child));
        server = s;
        s.child.once('exit', () => { if (server === s && !stopping) { server = undefined; void start(); } });
        restarts.push(Date.now() - t0);
        return;
      } catch (error) {
        log(`restart failed, again: ${(error as Error).message}`);
        await sleep(500);
      }
    }
  };

  async function call(method: 'GET' | 'POST', path: string, who: string, body?: object, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    // a client keeps asking for as long as a hall's would: on a loaded machine a restart takes most
    // of the time between two kills, so a count of attempts ran out while the server was starting
    const giveUpAt = Date.now() + 20 * 60_000;
    while (Date.now() < giveUpAt) {
      const base = server?.baseUrl;
      if (!base) { await sleep(100); continue; }
      try {
        const res = await fetch(`${base}${path}`, {
          method, headers: { authorization: `Bearer ${tokens.get(who)}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined,
        });
        const text = await res.text();
        // 5xx while the database is away: the request changed nothing durable it acknowledged; ask again
        if (res.status >= 500) { await sleep(200); continue; }
        // a run longer than an access token's life (15 min): sign in again, as the web app does
        if (res.status === 401) { tokens.set(who, await signInAt(base, who).catch(() => tokens.get(who)!)); continue; }
        return { status: res.status, body: text ? JSON.parse(text) : {} };
      } catch (error) {
        if (!(error instanceof TypeError)) throw error; // fetch failed: the server is down
        await sleep(100);
      }
    }
    throw new Error(`${method} ${path}: no answer in 20 minutes`);
  }

  async function openTask(caseNumber: string, step: string, who: string): Promise<string | undefined> {
    for (let i = 0; i < 800; i++) {
      const res = await call('GET', `/api/tasks?caseNumber=${caseNumber}&pageSize=50`, who);
      const task = (res.body.items as Array<{ key: string; step: string; state: string }> | undefined)?.find((t) => t.step === step && t.state === 'open');
      if (task) return task.key;
      if (await taskModel(db).exists({ caseNumber, step, state: trusted({ $in: ['completing', 'completed'] }) })) return undefined;
      await sleep(150);
    }
    throw new Error(`no open ${step} task for ${caseNumber}`);
  }

  /** Acts on the case's task of `step` until it is done (by this call, or by one whose answer a kill lost). */
  async function act(caseNumber: string, step: string, who: string, path: (key: string) => string, body: object): Promise<void> {
    for (;;) {
      const key = await openTask(caseNumber, step, who);
      if (!key) return;
      if (step !== 'handOver') await call('POST', `/api/tasks/${key}/claim`, who, {});
      const done = await call('POST', path(key), who, body);
      if (done.status === 200 || (done.status === 409 && ['TASK_ALREADY_COMPLETED', 'ALREADY_HANDED_OVER'].includes(String(done.body.code)))) return;
      if (done.status !== 409) throw new Error(`${step} of ${caseNumber}: ${done.status} ${JSON.stringify(done.body)}`);
      await sleep(200);
    }
  }

  const acknowledged: string[] = [];
  let kills = 0;
  let unfinishedReceives = 0;
  const problems: string[] = [];
  try {
    await seed(db, { production: false });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const [username, role] of [['approver.zjj', 'approver'], ['admin.zjj', 'departmentAdmin']] as const) {
      if (!(await userModel(db).exists({ username }))) await userModel(db).create({ username, displayName: username, roles: [role], departmentCode: 'zjj', passwordHash });
    }
    await start();
    for (const who of ['clerk', 'issuer', 'approver.zjj', 'admin.zjj']) tokens.set(who, await signInAt(server!.baseUrl, who));
    const approver = await userModel(db).findOne({ username: 'approver.zjj' }).lean();
    const year = Number(new Date().toISOString().slice(0, 4));
    const granted = await call('POST', '/api/delegations', 'admin.zjj', {
      granteeId: String(approver!._id), powers: ['reviewAndReport', 'decide', 'useSeal'], scope: { allMatters: true }, validFrom: `${year - 1}-01-01`, validTo: `${year + 1}-12-31`,
    });
    if (granted.status !== 201) throw new Error(`delegation: ${granted.status} ${JSON.stringify(granted.body)}`);
    const matter = await call('GET', `/api/matters/${MATTER}`, 'clerk');
    const materials = (matter.body.materials as Array<{ name: string }>).map((m) => ({ name: m.name, provided: true }));
    const decision = {
      findings: '申请符合法定条件和标准', legalBasis: '《建筑工程施工许可管理办法》',
      licence: { name: '建筑工程施工许可证', scope: '云杉大厦', validFrom: `${year}-12-01`, validTo: `${year + 1}-11-30` },
    };

    /** One client: receives a case (an Idempotency-Key makes a retried receive return the first answer) and drives it to the end. */
    const drive = async (i: number): Promise<void> => {
      let caseNumber: string | undefined;
      for (let attempt = 0; !caseNumber; attempt++) {
        const received = await call('POST', '/api/cases', 'clerk', {
          matterCode: MATTER, materials, decision: { outcome: 'accept' },
          applicant: { kind: 'organisation', name: `中卫市第${i + 1}建设有限公司`, uscc: '1164050064050037XR' }, contact: { name: '马文静', phone: '13995012866' },
        }, { 'idempotency-key': `chaos-${i}-${attempt}` });
        if (received.status === 201) caseNumber = received.body.caseNumber as string;
        else if (received.body.code === 'IDEMPOTENT_REQUEST_UNFINISHED') unfinishedReceives++; // killed mid-receive: not acknowledged; receive anew
        else throw new Error(`receive: ${received.status} ${JSON.stringify(received.body)}`);
      }
      acknowledged.push(caseNumber);
      await act(caseNumber, 'review', 'approver.zjj', (k) => `/api/tasks/${k}/approve`, { opinion: '符合条件' });
      await act(caseNumber, 'decide', 'approver.zjj', (k) => `/api/tasks/${k}/approve`, { opinion: '准予', decision });
      await act(caseNumber, 'handOver', 'issuer', () => `/api/issuing/cases/${caseNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
    };

    let done = false;
    const clients = options.clients ?? Math.min(8, options.cases);
    let next = 0;
    const driving = Promise.all(Array.from({ length: clients }, async () => { while (next < options.cases) await drive(next++); })).finally(() => { done = true; });
    const chaos = (async () => {
      const dbKillAfter = Math.floor(options.kills / 2);
      for (let k = 0; k < options.kills && !done; k++) {
        await sleep(500 + Math.random() * 2500);
        const victim = server;
        server = undefined;
        await victim?.kill();
        kills++;
        log(`SIGKILL ${k + 1}/${options.kills}`);
        if (k === dbKillAfter) {
          await ferret.kill();
          log('FerretDB killed');
          await sleep(500);
          ferret = await startFerretDb(dir, ferret.port);
          log('FerretDB restarted');
        }
        await start();
      }
    })();
    await Promise.all([driving, chaos]);

    // every acknowledged case reaches its end (the last jobs may still run)
    for (let i = 0; i < 600; i++) {
      if ((await caseModel(db).countDocuments({ caseNumber: trusted({ $in: acknowledged }), status: 'completed' })) === acknowledged.length) break;
      await sleep(200);
    }
    const cases = await caseModel(db).find({}).lean();
    const mine = cases.filter((c) => acknowledged.includes(c.caseNumber));
    for (const c of mine) {
      if (c.status !== 'completed') problems.push(`${c.caseNumber} ended ${c.status}/${c.stage}`);
      const kinds = c.documents.map((d) => d.kind);
      if (new Set(kinds).size !== kinds.length) problems.push(`${c.caseNumber} documents doubled: ${kinds}`);
      const ids = c.timeline.filter((t) => t.id).map((t) => t.id);
      if (new Set(ids).size !== ids.length) problems.push(`${c.caseNumber} timeline entries doubled`);
      if (c.timeline.filter((t) => t.type === 'processStarted').length !== 1) problems.push(`${c.caseNumber} process started ${c.timeline.filter((t) => t.type === 'processStarted').length} times`);
      const tasks = await taskModel(db).find({ caseNumber: c.caseNumber, kind: 'engine' }, { step: 1 }).lean();
      if (tasks.map((t) => t.step).sort().join() !== 'decide,handOver,review') problems.push(`${c.caseNumber} tasks ${tasks.map((t) => t.step)}`);
    }
    if (mine.length !== acknowledged.length) problems.push(`acknowledged ${acknowledged.length} cases, found ${mine.length}`);
    const inMine = { caseNumber: trusted({ $in: acknowledged }) };
    const report = {
      sealUses: await sealUseModel(db).countDocuments(inMine),
      sealedDecisions: await decisionModel(db).countDocuments({ ...inMine, documentId: trusted({ $ne: null }) }),
      certificates: await certificateModel(db).countDocuments(inMine),
      granted: await decisionModel(db).countDocuments({ ...inMine, kind: 'grant' }),
    };
    if (new Set(Object.values(report)).size !== 1 || report.granted !== acknowledged.length) problems.push(`seal uses, sealed decisions, certificates, grants differ: ${JSON.stringify(report)}`);
    const auditChainOk = (await new AuditTrail(db).verify()).ok;
    if (!auditChainOk) problems.push('the audit chain does not verify');
    const sorted = [...restarts].sort((a, b) => a - b);
    return {
      cases: options.cases, kills, databaseKills: kills > Math.floor(options.kills / 2) ? 1 : 0, clients, seconds: Math.round((Date.now() - started) / 1000),
      acknowledged: acknowledged.length, completed: mine.filter((c) => c.status === 'completed').length, orphanCases: cases.length - mine.length, unfinishedReceives,
      ...report, restartMs: { median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1)! }, auditChainOk, problems,
    };
  } finally {
    stopping = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db.close().catch(() => undefined);
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

import type { Connection } from 'mongoose';
import { hashPassword, principalForUser, userModel, type TokenService } from '../../auth/index.ts';
import type { Role } from '../../auth/roles.ts';
import { catalogModels, type HallWindow } from '../../catalog/index.ts';
import { DEMO_PASSWORD } from '../../seed/demo-users.ts';
import { historyMatters, planHistory, type PlannedCase } from './plan.ts';

export interface HistoryDeps {
  db: Connection;
  tokens: TokenService;
  /** The running hall, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Moves the hall's clock (and the engine's) to the given instant. */
  setClock(at: Date): void;
  log?: (line: string) => void;
}

const HOUR = 3_600_000;

/**
 * Drives planned cases through the real hall over HTTP — the window receives and accepts, the
 * engine starts the matter's process, approvers claim and complete 审查 and 审批决定 (the decision
 * sealed by the seal worker, the certificate made by its worker), the issuing window hands it over —
 * moving the hall's clock between the steps as the plan says. Returns the case numbers.
 */
export async function seedHistory(deps: HistoryDeps, options: { cases: number; start: string; days: number; seed?: number }): Promise<string[]> {
  const actors = await staff(deps, options.start, options.days);
  const done: string[] = [];
  for (const [i, plan] of planHistory(options.cases, options.start, options.days, options.seed).entries()) {
    done.push(await driveCase(deps, actors, plan));
    if ((i + 1) % 10 === 0) deps.log?.(`${i + 1} of ${options.cases} cases`);
  }
  return done;
}

type Call = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Record<string, unknown>>;

async function driveCase(deps: HistoryDeps, as: (username: string) => Call, plan: PlannedCase): Promise<string> {
  let now = plan.receivedAt.getTime();
  const at = (hours: number) => { now += hours * HOUR; deps.setClock(new Date(now)); };
  at(0);
  const matter = await as('clerk.C01')('GET', `/api/matters/${plan.matterCode}`) as { materials: Array<{ name: string }>; windowCategory: string };
  const clerk = as(await windowFor(deps, plan, matter.windowCategory));
  const received = await clerk('POST', '/api/cases', {
    matterCode: plan.matterCode, decision: { outcome: 'accept' },
    applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, contact: { name: '马文静', phone: '13995012866' },
    materials: matter.materials.map((m) => ({ name: m.name, provided: true })),
  }) as { caseNumber: string };
  const approver = as(`approver.${plan.departmentCode}`);
  for (const step of ['review', 'decide'] as const) {
    const key = await openTask(approver, received.caseNumber, step);
    at(plan.steps[step].wait);
    await approver('POST', `/api/tasks/${key}/claim`);
    at(plan.steps[step].handle);
    const year = new Date(now).getUTCFullYear();
    await approver('POST', `/api/tasks/${key}/approve`, step === 'review' ? { opinion: '材料齐全，符合条件' } : {
      opinion: '准予许可',
      decision: { findings: '申请符合法定条件和标准', legalBasis: '《中华人民共和国行政许可法》第三十八条', licence: { name: '许可证', scope: '申请事项', validFrom: `${year}-01-01`, validTo: `${year + 2}-12-31` } },
    });
  }
  const issuer = as('issuer');
  await openTask(issuer, received.caseNumber, 'handOver');
  at(plan.pickup);
  await issuer('POST', `/api/issuing/cases/${received.caseNumber}/hand-over`, { method: 'inPerson', recipientName: '马文静' });
  return received.caseNumber;
}

/** The clerk of the window that receives the case: a window of the matter's category for some cases, else the planned comprehensive one. */
async function windowFor(deps: HistoryDeps, plan: PlannedCase, category: string): Promise<string> {
  const windows = plan.atCategoryWindow && category !== 'comprehensive'
    ? await catalogModels(deps.db).windows.find({ group: 'categorized', category: category as HallWindow['category'] }, { number: 1 }).sort({ number: 1 }).lean()
    : [];
  const number = windows.length > 0 ? windows[plan.receivedAt.getUTCDate() % windows.length]!.number : plan.windowNumber;
  const username = `clerk.${number}`;
  const users = userModel(deps.db);
  if (!(await users.exists({ username }))) {
    await users.create({ username, displayName: username, roles: ['windowClerk'], passwordHash: await hashPassword(DEMO_PASSWORD), windowNumber: number });
  }
  return username;
}

async function openTask(call: Call, caseNumber: string, step: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const page = await call('GET', `/api/tasks?caseNumber=${caseNumber}&pageSize=50`) as { items: Array<{ key: string; step: string; state: string }> };
    const found = page.items.find((task) => task.step === step && task.state === 'open');
    if (found) return found.key;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no open ${step} task for ${caseNumber}`);
}

/** The clerks of windows C01–C17, an approver and an admin per department (the admin granting the approver every power), signed tokens for each. */
async function staff(deps: HistoryDeps, start: string, days: number): Promise<(username: string) => Call> {
  const users = userModel(deps.db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ensure = async (username: string, roles: Role[], extra: Record<string, string>) => {
    if (!(await users.exists({ username }))) await users.create({ username, displayName: username, roles, passwordHash, ...extra });
    return users.findOne({ username }).lean();
  };
  for (let w = 1; w <= 17; w++) await ensure(`clerk.C${String(w).padStart(2, '0')}`, ['windowClerk'], { windowNumber: `C${String(w).padStart(2, '0')}` });
  const tokenCache = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokenCache.has(username)) {
      const user = await users.findOne({ username }).lean();
      tokenCache.set(username, await deps.tokens.sign((await principalForUser(deps.db, String(user!._id)))!));
    }
    return tokenCache.get(username)!;
  };
  const as = (username: string): Call => async (method, path, body) => {
    const res = await fetch(`${deps.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${username} ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const until = new Date(Date.parse(`${start}T00:00:00Z`) + (days + 400) * 86_400_000).toISOString().slice(0, 10);
  for (const dept of new Set(historyMatters.map((m) => m.split('_')[0]))) {
    const approver = await ensure(`approver.${dept}`, ['approver'], { departmentCode: dept });
    await ensure(`admin.${dept}`, ['departmentAdmin'], { departmentCode: dept });
    await as(`admin.${dept}`)('POST', '/api/delegations', {
      granteeId: String(approver!._id), powers: ['reviewAndReport', 'decide', 'useSeal'], scope: { allMatters: true }, validFrom: start, validTo: until,
    });
  }
  return as;
}

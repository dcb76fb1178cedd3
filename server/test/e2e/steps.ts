import { expect } from 'chai';
import supertest from 'supertest';
import { hashPassword, userModel } from '../../src/auth/index.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-users.ts';
import type { TestHall } from '../hall.ts';

/** Waits until `probe` returns a value (not undefined), polling the real system. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export interface Actor {
  token: string;
  get(path: string): supertest.Test;
  post(path: string, body?: object): supertest.Test;
}

export function actorOf(t: TestHall, token: string): Actor {
  return {
    token,
    get: (path) => supertest(t.baseUrl).get(path).set('authorization', `Bearer ${token}`),
    post: (path, body = {}) => supertest(t.baseUrl).post(path).set('authorization', `Bearer ${token}`).send(body),
  };
}

/** Given: an approver and a department admin for a department, the admin granting the approver `powers` over all its matters. */
export async function approverWithPowers(t: TestHall, departmentCode: string, powers: string[], username = `approver.${departmentCode}`): Promise<Actor> {
  const users = userModel(t.hall.services.intake!.cases.db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [name, role] of [[username, 'approver'], [`admin.${departmentCode}`, 'departmentAdmin']] as const) {
    if (!(await users.exists({ username: name }))) await users.create({ username: name, displayName: name, roles: [role], departmentCode, passwordHash });
  }
  const approver = await users.findOne({ username }).lean();
  const admin = actorOf(t, await t.signIn(`admin.${departmentCode}`));
  const today = new Date().toISOString().slice(0, 10);
  const granted = await admin.post('/api/delegations', {
    granteeId: String(approver!._id), powers, scope: { allMatters: true },
    validFrom: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, validTo: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
  });
  expect(granted.status, granted.text).to.equal(201);
  return actorOf(t, await t.signIn(username));
}

/** The open task of a case at a step, as the actor's board lists it. */
export function openTask(actor: Actor, caseNumber: string, step: string) {
  return eventually(async () => {
    const res = await actor.get(`/api/tasks?caseNumber=${caseNumber}&pageSize=50`);
    return (res.body.items as Array<{ key: string; step: string; state: string; dueAt: string }> | undefined)?.find((task) => task.step === step && task.state === 'open');
  }, `${step} task of ${caseNumber}`);
}

/** Given: a complete application for a matter, received and accepted at the actor's window (every listed material provided). */
export async function receiveAccepted(window: Actor, matterCode: string, applicant: object, contact: { name: string; phone: string }) {
  const matter = await window.get(`/api/matters/${matterCode}`);
  const received = await window.post('/api/cases', {
    matterCode, applicant, contact, decision: { outcome: 'accept' },
    materials: matter.body.materials.map((m: { name: string }) => ({ name: m.name, provided: true })),
  });
  expect(received.status, received.text).to.equal(201);
  return received.body as { caseNumber: string; processId: string; processVersion: number; acceptedOn: string; dueDate: string };
}

/** Given a granted construction permit waiting at the issuing window (received, reviewed, decided with the seal). */
export async function permitReadyForPickup(t: TestHall): Promise<string> {
  const clerk = actorOf(t, await t.signIn('clerk'));
  const approver = await approverWithPowers(t, 'zjj', ['reviewAndReport', 'decide', 'useSeal']);
  const { caseNumber } = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' });
  await reviewAndDecide(t, approver, caseNumber);
  return caseNumber;
}

/** The approver passes the case's 审查 and grants it at 决定 (step ids as the process names them); the case then waits at 出件 (handOver) unless the process has none. */
export async function reviewAndDecide(t: TestHall, approver: Actor, caseNumber: string, steps: { review?: string; decide?: string; handOver?: boolean } = {}): Promise<void> {
  const review = await openTask(approver, caseNumber, steps.review ?? 'review');
  await approver.post(`/api/tasks/${review.key}/claim`);
  expect((await approver.post(`/api/tasks/${review.key}/approve`, { opinion: '符合条件' })).status).to.equal(200);
  const decide = await openTask(approver, caseNumber, steps.decide ?? 'decide');
  await approver.post(`/api/tasks/${decide.key}/claim`);
  const year = new Date().getUTCFullYear();
  const decided = await approver.post(`/api/tasks/${decide.key}/approve`, {
    opinion: '准予',
    decision: { findings: '申请符合法定条件和标准', legalBasis: '《建筑工程施工许可管理办法》', licence: { name: '建筑工程施工许可证', scope: '云杉大厦', validFrom: `${year}-01-01`, validTo: `${year + 1}-12-31` } },
  });
  expect(decided.status, decided.text).to.equal(200);
  if (steps.handOver !== false) await openTask(actorOf(t, await t.signIn('issuer')), caseNumber, 'handOver');
}

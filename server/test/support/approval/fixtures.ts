/**
 * A real hall for the approval tests: the embedded engine (its own database), the real app with
 * real JWTs, the seal job registered, a case in `cases`, and extra approvers of 住建局.
 */
import supertest from 'supertest';
import { hashPassword, userModel } from '../../../src/auth/index.ts';
import { todayInHall } from '../../../src/calendar/index.ts';
import { createEngine } from '../../../src/engine/factory.ts';
import type { WorkflowEngine } from '../../../src/engine/index.ts';
import { caseModel } from '../../../src/intake/index.ts';
import { bpmnDocument } from '../processes/fixtures.ts';
import { DEMO_PASSWORD } from '../../../src/seed/demo-users.ts';
import { startTestApp, testDatabase, type TestApp } from '../../support.ts';
import { sealJob } from '../../../src/approval/index.ts';

// The explicit job type of a Zeebe job-worker user task: the embedded executor reads a user task's
// zeebe:taskHeaders only beside a zeebe:taskDefinition (reported; the shipped workflows omit it).
const task = (id: string, name: string, headers: Record<string, string>, flows: [string, string]) => `
<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements>
  <zeebe:taskDefinition type="io.camunda.zeebe:userTask" />
  <zeebe:assignmentDefinition candidateGroups="=&#34;dept:&#34; + departmentCode" />
  <zeebe:taskHeaders>${Object.entries(headers).map(([k, v]) => `<zeebe:header key="${k}" value="${v}" />`).join('')}</zeebe:taskHeaders>
</bpmn:extensionElements><bpmn:incoming>${flows[0]}</bpmn:incoming><bpmn:outgoing>${flows[1]}</bpmn:outgoing></bpmn:userTask>`;

const seal = (id: string, document: string, flows: [string, string]) => `
<bpmn:serviceTask id="${id}" name="加盖行政审批专用章"><bpmn:extensionElements><zeebe:taskDefinition type="seal" />
  <zeebe:taskHeaders><zeebe:header key="document" value="${document}" /></zeebe:taskHeaders></bpmn:extensionElements>
  <bpmn:incoming>${flows[0]}</bpmn:incoming><bpmn:outgoing>${flows[1]}</bpmn:outgoing></bpmn:serviceTask>`;

/**
 * 审查 (review; may return to itself's predecessor `intakeCheck`) → 审批决定 (decide, sealed) → 用印 → 办结;
 * a rejection goes to 用印 of the refusal; a return for correction or to intakeCheck ends the test process.
 */
export const approvalProcess = bpmnDocument('approval-walk', `
<bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
${task('intakeCheck', '初审', { step: 'intakeCheck' }, ['f0', 'f1'])}
${task('review', '审查', { step: 'review', authority: 'reviewAndReport', returnTargets: 'intakeCheck', limitDays: '3' }, ['f1', 'f2'])}
<bpmn:exclusiveGateway id="reviewed" name="审查结论？" default="toRefusal"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>toDecide</bpmn:outgoing><bpmn:outgoing>toRefusal</bpmn:outgoing><bpmn:outgoing>toCorrection</bpmn:outgoing><bpmn:outgoing>toReturn</bpmn:outgoing></bpmn:exclusiveGateway>
${task('decide', '审批决定', { step: 'decide', authority: 'decide', sealRequired: 'true' }, ['toDecide', 'f3'])}
<bpmn:exclusiveGateway id="decided" name="决定？" default="toRefusal2"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>toGrant</bpmn:outgoing><bpmn:outgoing>toRefusal2</bpmn:outgoing></bpmn:exclusiveGateway>
${seal('sealGrant', 'decision', ['toGrant', 'f4'])}
<bpmn:endEvent id="granted" name="准予许可"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
<bpmn:exclusiveGateway id="refusing"><bpmn:incoming>toRefusal</bpmn:incoming><bpmn:incoming>toRefusal2</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing></bpmn:exclusiveGateway>
${seal('sealRefusal', 'refusalDecision', ['f5', 'f6'])}
<bpmn:endEvent id="refused" name="不予许可"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
<bpmn:endEvent id="correction" name="退回补正"><bpmn:incoming>toCorrection</bpmn:incoming></bpmn:endEvent>
<bpmn:endEvent id="returned" name="退回初审"><bpmn:incoming>toReturn</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="intakeCheck" />
<bpmn:sequenceFlow id="f1" sourceRef="intakeCheck" targetRef="review" />
<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="reviewed" />
<bpmn:sequenceFlow id="toDecide" sourceRef="reviewed" targetRef="decide"><bpmn:conditionExpression>=reviewOutcome = "approve"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toCorrection" sourceRef="reviewed" targetRef="correction"><bpmn:conditionExpression>=reviewOutcome = "returnForCorrection"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toReturn" sourceRef="reviewed" targetRef="returned"><bpmn:conditionExpression>=reviewOutcome = "returnTo"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toRefusal" sourceRef="reviewed" targetRef="refusing" />
<bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="decided" />
<bpmn:sequenceFlow id="toGrant" sourceRef="decided" targetRef="sealGrant"><bpmn:conditionExpression>=decision = "grant"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toRefusal2" sourceRef="decided" targetRef="refusing" />
<bpmn:sequenceFlow id="f4" sourceRef="sealGrant" targetRef="granted" />
<bpmn:sequenceFlow id="f5" sourceRef="refusing" targetRef="sealRefusal" />
<bpmn:sequenceFlow id="f6" sourceRef="sealRefusal" targetRef="refused" />`);

export interface Hall {
  t: TestApp;
  engine: WorkflowEngine;
  now: () => Date;
  setNow(date: Date): void;
  token: Record<string, string>;
  ids: Record<string, string>;
  as(who: string): {
    get(path: string): supertest.Test;
    post(path: string, body?: object): supertest.Test;
    put(path: string, body: object): supertest.Test;
  };
  /** Files a case of 建筑工程施工许可 (zjj_sgxk) and starts the test process for it; returns its number. */
  newCase(matterCode?: string): Promise<string>;
  /** The open engine task of a case at a step, once the board shows it (director's view). */
  taskOf(caseNumber: string, elementId: string): Promise<{ key: string; [k: string]: unknown }>;
  /** Walks a new case past 初审 (approver.zjj claims and approves it); returns the open 审查 task. */
  atReview(caseNumber: string): Promise<{ key: string; [k: string]: unknown }>;
  grant(grantee: string, powers: string[], scope?: object, validFrom?: string, validTo?: string): Promise<string>;
  close(): Promise<void>;
}

let cases = 0;

export async function startHall(label: string): Promise<Hall> {
  let clock = new Date();
  const engineDb = await testDatabase(`${label}_engine`);
  const engine = createEngine({ db: engineDb });
  const t = await startTestApp(label, { engine, clock: () => clock });
  const { authority, documents, trail } = t.services;
  engine.registerWorker(sealJob.type, sealJob.bind({ db: t.db, authority, documents, trail, clock: () => clock }));
  await engine.start();
  await engine.deploy({ name: 'approval-walk.bpmn', xml: approvalProcess });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [username, displayName] of [['approver2.zjj', '住建局审批 王芳'], ['approver3.zjj', '住建局审批 何军']]) {
    await userModel(t.db).create({ username, displayName, passwordHash, roles: ['approver'], departmentCode: 'zjj', servesDepartmentCodes: [], active: true, demo: true });
  }
  const token: Record<string, string> = {};
  for (const who of ['approver.zjj', 'approver2.zjj', 'approver3.zjj', 'approver.gaj', 'admin.zjj', 'director', 'clerk']) token[who] = await t.signIn(who);
  const ids: Record<string, string> = {};
  for (const user of await userModel(t.db).find({}).lean()) ids[user.username] = String(user._id);
  const as = (who: string) => ({
    get: (path: string) => supertest(t.baseUrl).get(path).set('authorization', `Bearer ${token[who]}`),
    post: (path: string, body: object = {}) => supertest(t.baseUrl).post(path).set('authorization', `Bearer ${token[who]}`).send(body),
    put: (path: string, body: object) => supertest(t.baseUrl).put(path).set('authorization', `Bearer ${token[who]}`).send(body),
  });
  const hall: Hall = {
    t, engine, token, ids, as, now: () => clock, setNow: (d) => { clock = d; },
    async newCase(matterCode = 'zjj_sgxk') {
      const today = todayInHall(clock);
      const caseNumber = `ZW${today.replaceAll('-', '')}-${String(9000 + ++cases)}`;
      await caseModel(t.db).create({
        caseNumber, matterCode, matterName: '建筑工程施工许可证核发', departmentCode: 'zjj', handlingType: 'promised', windowNumber: 'C01',
        receivedBy: ids.clerk, applicant: { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '91640502MA76XK3Q2B' },
        contact: { name: '张三', phone: '13900000000', phoneLast4: '0000' }, materials: [], status: 'accepted', stage: 'approval',
        receivedOn: today, acceptedOn: today, documents: [], timeline: [], outbox: [],
      });
      await engine.startInstance({ processId: 'approval-walk', variables: { caseId: caseNumber, matterCode, departmentCode: 'zjj' } });
      return caseNumber;
    },
    async taskOf(caseNumber, elementId) {
      for (let i = 0; i < 300; i++) {
        const res = await as('director').get(`/api/tasks?caseNumber=${caseNumber}`);
        const found = (res.body.items ?? []).find((x: { elementId?: string; name: string; kind: string; step?: string }) => x.kind === 'engine' && x.step === elementId);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no open task ${elementId} for ${caseNumber}`);
    },
    async atReview(caseNumber) {
      const first = await this.taskOf(caseNumber, 'intakeCheck');
      await as('approver.zjj').post(`/api/tasks/${first.key}/claim`);
      const approved = await as('approver.zjj').post(`/api/tasks/${first.key}/approve`, {});
      if (approved.status !== 200) throw new Error(`初审 not approved: ${approved.status} ${approved.text}`);
      return this.taskOf(caseNumber, 'review');
    },
        async grant(grantee, powers, scope = { matterCodes: ['zjj_sgxk'] }, validFrom = todayInHall(clock), validTo = '2099-12-31') {
      const res = await as('admin.zjj').post('/api/delegations', { granteeId: ids[grantee], powers, scope, validFrom, validTo });
      if (res.status !== 201) throw new Error(`grant failed: ${res.status} ${res.text}`);
      return res.body.id as string;
    },
    async close() {
      await engine.stop();
      await t.close();
      await engineDb.dropDatabase();
      await engineDb.close();
    },
  };
  return hall;
}

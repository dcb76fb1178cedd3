import { expect } from 'chai';
import { caseModel } from '../../src/intake/index.ts';
import { startHall, type TestHall } from '../hall.ts';
import { actorOf, eventually, receiveAccepted, type Actor } from './steps.ts';

/** A designer's path: one step, then a plain end event — no decision, no certificate. */
const plainEndXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="plain_end_defs" targetNamespace="http://onewindow.test">
<bpmn:process id="plain-end" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:userTask id="look" name="查看"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept:zjj"/></bpmn:extensionElements></bpmn:userTask>
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="look"/>
<bpmn:sequenceFlow id="f2" sourceRef="look" targetRef="end"/>
</bpmn:process></bpmn:definitions>`;

describe('a process that ends without a decision leaves its case in a defined, visible state', function () {
  this.timeout(120_000);
  let t: TestHall;
  let clerk: Actor;
  let director: Actor;
  let sysadmin: Actor;

  before(async () => {
    t = await startHall('process_end');
    clerk = actorOf(t, await t.signIn('clerk'));
    director = actorOf(t, await t.signIn('director'));
    sysadmin = actorOf(t, await t.signIn('sysadmin'));
  });
  after(() => t?.close());

  it('keeps the case accepted (a decision is still owed), drops its current step, and lists it as stuck for the director and the system admin only', async () => {
    // given an accepted case whose process (a test double of a designer's path) is one step and a plain end event
    const received = await receiveAccepted(clerk, 'zjj_sgxk', { kind: 'organisation', name: '中卫市沙坡头区云杉建设有限公司', uscc: '1164050064050037XR' }, { name: '马文静', phone: '13995012866' });
    const engine = t.hall.engine;
    const cases = caseModel(t.hall.services.intake!.cases.db);
    const original = (await cases.findOne({ caseNumber: received.caseNumber }).lean())!.processInstanceKey!;
    await engine.cancelInstance(original);
    await engine.deploy({ name: 'plain-end.bpmn', xml: plainEndXml });
    const started = await engine.startInstance({ processId: 'plain-end', variables: { caseId: received.caseNumber, departmentCode: 'zjj', matterCode: 'zjj_sgxk' } });
    await cases.updateOne({ caseNumber: received.caseNumber }, { $set: { processInstanceKey: started.processInstanceKey } });
    const task = await eventually(async () => (await t.hall.services.board!.tasks.findOne({ caseNumber: received.caseNumber, elementId: 'look', state: 'open' }).lean()) ?? undefined, 'the step');

    // when its only step is completed and the process ends
    await engine.completeUserTask(task._id, {});
    const ended = await eventually(async () => (await cases.findOne({ caseNumber: received.caseNumber }).lean())?.processEnded ? true : undefined, 'the end to reach the case');
    expect(ended).to.equal(true);

    // then the case is still accepted, marked as ended without a decision, with no current step
    const view = await director.get(`/api/cases/${received.caseNumber}`);
    expect(view.body).to.include({ status: 'accepted' });
    expect(view.body.processEnded.outcome).to.equal('none');
    expect(view.body.currentStep).to.equal(undefined);
    expect(view.body.timeline.filter((e: { type: string }) => e.type === 'processEndedWithoutOutcome')).to.have.length(1);
    const progress = await t.http.get(`/api/public/cases/${received.caseNumber}/progress?phoneLast4=2866`);
    expect(progress.body.currentStep).to.equal(undefined);

    // and it is listed as stuck for the director and the system admin, and for nobody else
    for (const who of [director, sysadmin]) {
      const stuck = await who.get('/api/monitoring/stuck-cases?idleMinutes=0');
      expect(stuck.status, stuck.text).to.equal(200);
      expect(stuck.body.items.filter((c: { caseNumber: string }) => c.caseNumber === received.caseNumber).map((c: { reason: string }) => c.reason)).to.deep.equal(['processEnded']);
    }
    const refused = await clerk.get('/api/monitoring/stuck-cases');
    expect(refused.status).to.equal(403);
    expect(refused.headers['content-type']).to.match(/application\/problem\+json/);
  });
});

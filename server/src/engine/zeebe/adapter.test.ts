import { expect } from 'chai';
import { EngineError } from '../errors.ts';
import type { EngineEvent, UserTaskEvent } from '../port.ts';
import { adapterOnGatewayDouble, eventually } from '../../../test/engine/zeebe/test-support.ts';

const xml = (processId: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="${processId}" name="测试" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="receive" name="收件"><bpmn:extensionElements><zeebe:taskDefinition type="receive" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:userTask id="review" name="审查"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept:zjj" /></bpmn:extensionElements></bpmn:userTask>${extra}
  </bpmn:process>
</bpmn:definitions>`;

async function refusal(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected a refusal');
}

describe('Zeebe adapter against the Zeebe gateway test double', function () {
  this.timeout(20_000);
  let t: Awaited<ReturnType<typeof adapterOnGatewayDouble>>;
  const events: EngineEvent[] = [];
  const tasks: UserTaskEvent[] = [];

  before(async () => {
    t = await adapterOnGatewayDouble({ userTaskTimeoutMs: 400 });
    t.engine.onEvent((e) => { events.push(e); });
    t.engine.onUserTask(async (e) => { tasks.push(e); });
    t.engine.registerWorker('receive', async (job) => {
      if (job.variables.mode === 'fail') return { outcome: 'fail', errorMessage: 'registry offline', retryBackoffMs: 100 };
      if (job.variables.mode === 'error') return { outcome: 'bpmnError', errorCode: 'MATERIALS_MISSING', errorMessage: '材料不全', variables: { missing: ['身份证'] } };
      if (job.variables.mode === 'throw') throw new Error('handler bug');
      return { outcome: 'complete', variables: { received: true, receivedBy: job.customHeaders.stage } };
    }, { maxActiveJobs: 2, timeoutMs: 60_000 });
    await t.engine.start();
  });
  after(() => t.close());

  it('reports the gateway topology as health against the Zeebe gateway test double', async () => {
    const health = await t.engine.health();
    expect(health).to.include({ engine: 'zeebe', gatewayVersion: '8.5.5-test-double', brokers: 1, healthyPartitions: 1 });
  });

  it('deploys the XML as one resource and keeps int64 keys as strings, against the Zeebe gateway test double', async () => {
    const [deployed] = await t.engine.deploy({ name: 'permit.bpmn', xml: xml('permit') });
    expect(deployed).to.include({ processId: 'permit', version: 1 });
    expect(BigInt(deployed.key) > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
    expect(deployed.key).to.equal(t.double.state.processes[0].key);
    const sent = t.double.callsOf('DeployResource')[0];
    expect(sent.resources[0].name).to.equal('permit.bpmn');
    expect(Buffer.from(sent.resources[0].content).toString('utf8')).to.equal(xml('permit'));
    const again = await t.engine.deploy({ name: 'permit.bpmn', xml: xml('permit') });
    expect(again[0].version).to.equal(1);
    const changed = await t.engine.deploy({ name: 'permit.bpmn', xml: xml('permit', '<bpmn:endEvent id="end" />') });
    expect(changed[0].version).to.equal(2);
  });

  it('starts the latest version unless one is named, against the Zeebe gateway test double', async () => {
    const latest = await t.engine.startInstance({ processId: 'permit', variables: { caseId: 'C-1' } });
    expect(latest.version).to.equal(2);
    const pinned = await t.engine.startInstance({ processId: 'permit', version: 1 });
    expect(pinned.version).to.equal(1);
    const requests = t.double.callsOf('CreateProcessInstance');
    expect(requests.map((r) => r.version)).to.deep.equal([-1, 1]);
    expect(JSON.parse(requests[0].variables)).to.deep.equal({ caseId: 'C-1' });
    const missing = await refusal(t.engine.startInstance({ processId: 'nothing' }));
    expect(missing.kind).to.equal('notFound');
  });

  it('completes a job with the handler\'s variables and logs it, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit', variables: { caseId: 'C-2' } });
    const job = t.double.addJob(instance.processInstanceKey, { type: 'receive', elementId: 'receive', customHeaders: { stage: 'intake' } });
    const completed = await eventually(() => t.double.callsOf('CompleteJob').find((r) => r.jobKey === job.key), 'CompleteJob');
    expect(JSON.parse(completed.variables)).to.deep.equal({ received: true, receivedBy: 'intake' });
    const logged = await eventually(() => events.filter((e) => e.elementInstanceKey === job.elementInstanceKey).length === 2 && events.filter((e) => e.elementInstanceKey === job.elementInstanceKey), 'two events');
    expect(logged.map((e) => e.intent)).to.deep.equal(['activated', 'completed']);
    expect(logged[0]).to.include({ caseId: 'C-2', elementType: 'serviceTask', processId: 'permit', processVersion: 2, processInstanceKey: instance.processInstanceKey });
    const activate = t.double.callsOf('ActivateJobs').find((r) => r.type === 'receive');
    expect(activate).to.include({ timeout: '60000', maxJobsToActivate: 2 });
  });

  it('fails a job with one retry fewer and a back-off, then logs an incident when none are left, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit', variables: { caseId: 'C-3', mode: 'fail' } });
    const job = t.double.addJob(instance.processInstanceKey, { type: 'receive', elementId: 'receive', retries: 2 });
    const fails = await eventually(() => { const f = t.double.callsOf('FailJob').filter((r) => r.jobKey === job.key); return f.length === 2 && f; }, 'two FailJob calls');
    expect(fails.map((f) => [f.retries, f.retryBackOff, f.errorMessage])).to.deep.equal([[1, '100', 'registry offline'], [0, '100', 'registry offline']]);
    expect(job.activations).to.equal(2);
    await eventually(() => events.some((e) => e.elementInstanceKey === job.elementInstanceKey && e.intent === 'incident'), 'incident event');
    expect(t.double.state.incidents.size).to.equal(1);
  });

  it('throws a BPMN error with code, message and variables, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit', variables: { mode: 'error' } });
    const job = t.double.addJob(instance.processInstanceKey, { type: 'receive', elementId: 'receive' });
    const thrown = await eventually(() => t.double.callsOf('ThrowError').find((r) => r.jobKey === job.key), 'ThrowError');
    expect(thrown).to.include({ errorCode: 'MATERIALS_MISSING', errorMessage: '材料不全' });
    expect(JSON.parse(thrown.variables)).to.deep.equal({ missing: ['身份证'] });
  });

  it('fails the job when the handler throws, so no job is lost, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit', variables: { mode: 'throw' } });
    const job = t.double.addJob(instance.processInstanceKey, { type: 'receive', elementId: 'receive', retries: 1 });
    const failed = await eventually(() => t.double.callsOf('FailJob').find((r) => r.jobKey === job.key), 'FailJob');
    expect(failed).to.include({ retries: 0, errorMessage: 'handler bug' });
  });

  it('surfaces a job-based user task with its assignment headers and re-attaches it when the lock runs out, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit', variables: { caseId: 'C-4' } });
    const job = t.double.addJob(instance.processInstanceKey, {
      type: 'io.camunda.zeebe:userTask', elementId: 'review',
      customHeaders: {
        'io.camunda.zeebe:candidateGroups': '["dept:zjj","dept:gaj"]', 'io.camunda.zeebe:candidateUsers': '["approver.zjj"]',
        'io.camunda.zeebe:dueDate': '2026-12-10T17:00:00+08:00', 'io.camunda.zeebe:formKey': 'onewindow:review', step: 'review',
      },
    });
    const created = await eventually(() => tasks.find((e) => e.type === 'created' && e.task.key === job.key), 'created task');
    expect(created.task).to.deep.include({
      name: '审查', processId: 'permit', elementId: 'review', candidateGroups: ['dept:zjj', 'dept:gaj'], candidateUsers: ['approver.zjj'],
      dueDate: '2026-12-10T17:00:00+08:00', formKey: 'onewindow:review', customHeaders: { step: 'review' },
    });
    expect(created.task.variables).to.deep.equal({ caseId: 'C-4' });
    const activation = t.double.callsOf('ActivateJobs').find((r) => r.type === 'io.camunda.zeebe:userTask');
    expect(activation.timeout).to.equal('400');
    await eventually(() => job.activations >= 2, 'redelivery after the lock ran out');
    expect(tasks.filter((e) => e.task.key === job.key)).to.have.length(1);

    await t.engine.completeUserTask(job.key, { reviewOutcome: 'approve' });
    const completed = t.double.callsOf('CompleteJob').find((r) => r.jobKey === job.key);
    expect(JSON.parse(completed.variables)).to.deep.equal({ reviewOutcome: 'approve' });
    expect(tasks.filter((e) => e.task.key === job.key).map((e) => e.type)).to.deep.equal(['created', 'completed']);
    const again = await refusal(t.engine.completeUserTask(job.key));
    expect([again.kind, again.code]).to.deep.equal(['notFound', 'TASK_NOT_FOUND']);
  });

  it('announces a task as canceled when its job is gone at completion, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit' });
    const job = t.double.addJob(instance.processInstanceKey, { type: 'io.camunda.zeebe:userTask', elementId: 'review', customHeaders: { 'io.camunda.zeebe:assignee': 'approver.zjj' } });
    const created = await eventually(() => tasks.find((e) => e.type === 'created' && e.task.key === job.key), 'created task');
    expect(created.task.assignee).to.equal('approver.zjj');
    await t.engine.cancelInstance(instance.processInstanceKey);
    expect(t.double.callsOf('CancelProcessInstance').at(-1).processInstanceKey).to.equal(instance.processInstanceKey);
    const refused = await refusal(t.engine.completeUserTask(job.key));
    expect(refused.kind).to.equal('notFound');
    expect(tasks.filter((e) => e.task.key === job.key).map((e) => e.type)).to.deep.equal(['created', 'canceled']);
  });

  it('publishes a message with correlation key, time to live and id, and refuses the same id again, against the Zeebe gateway test double', async () => {
    const message = { name: 'correctionSubmitted', correlationKey: 'C-5', variables: { supplemented: true }, timeToLiveMs: 60_000, messageId: 'C-5-correction-1' };
    await t.engine.publishMessage(message);
    const duplicate = await refusal(t.engine.publishMessage(message));
    expect([duplicate.kind, duplicate.code]).to.deep.equal(['conflict', 'MESSAGE_ALREADY_PUBLISHED']);
    const sent = t.double.callsOf('PublishMessage');
    expect(sent).to.have.length(2);
    expect(sent[0]).to.include({ name: 'correctionSubmitted', correlationKey: 'C-5', timeToLive: '60000', messageId: 'C-5-correction-1' });
    expect(JSON.parse(sent[0].variables)).to.deep.equal({ supplemented: true });
    expect(t.double.state.messages).to.have.length(1);
  });

  it('sets variables on a scope, locally when asked, and refuses an unknown scope, against the Zeebe gateway test double', async () => {
    const instance = await t.engine.startInstance({ processId: 'permit' });
    await t.engine.setVariables(instance.processInstanceKey, { departmentCode: 'zjj' }, { local: true });
    const sent = t.double.callsOf('SetVariables').at(-1);
    expect(sent).to.include({ elementInstanceKey: instance.processInstanceKey, local: true });
    expect(JSON.parse(sent.variables)).to.deep.equal({ departmentCode: 'zjj' });
    expect((await refusal(t.engine.setVariables('42', { a: 1 }))).kind).to.equal('notFound');
    expect((await refusal(t.engine.cancelInstance('42'))).kind).to.equal('notFound');
  });

  it('says plainly that incidents cannot be listed through the gateway, and resolves one by key, against the Zeebe gateway test double', async () => {
    const listed = await refusal(t.engine.listIncidents());
    expect([listed.kind, listed.code]).to.deep.equal(['unsupported', 'ENGINE_CAPABILITY_MISSING']);
    const [incidentKey] = [...t.double.state.incidents.keys()];
    await t.engine.resolveIncident(incidentKey);
    expect(t.double.callsOf('ResolveIncident').at(-1).incidentKey).to.equal(incidentKey);
    expect((await refusal(t.engine.resolveIncident(incidentKey))).kind).to.equal('notFound');
  });

  it('answers EngineUnavailable when the gateway fails, against the Zeebe gateway test double', async () => {
    t.double.failNext('CreateProcessInstance', 13, 'broker exploded');
    const error = await refusal(t.engine.startInstance({ processId: 'permit' }));
    expect([error.kind, error.code]).to.deep.equal(['unavailable', 'ENGINE_UNAVAILABLE']);
  });
});

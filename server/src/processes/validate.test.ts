import { expect } from 'chai';
import type { AppError } from '../shared/errors.ts';
import { hallJobTypes } from '../jobs/index.ts';
import { bpmnDocument, receiveAndReview } from '../../test/support/processes/fixtures.ts';
import { validateBpmn } from './validate.ts';

const jobTypes = new Set<string>(hallJobTypes);

async function refusal(xml: string, maxBytes?: number): Promise<AppError> {
  try {
    await validateBpmn(xml, { jobTypes, maxBytes });
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the BPMN to be refused');
}

const fieldsOf = (error: AppError) => (error.fields ?? []).map((f) => `${f.field}: ${f.message}`);

describe('BPMN validation for publishing', () => {
  it('accepts a Camunda 8 process with handlers, assignments and a diagram', async () => {
    const result = await validateBpmn(bpmnDocument('zjj-permit', receiveAndReview), { jobTypes });
    expect(result.processes).to.deep.equal([{ processId: 'zjj-permit', name: '测试流程' }]);
  });

  it('warns of a path that ends the process without a sealed decision or an issued certificate, and not of one that passes either', async () => {
    const plain = await validateBpmn(bpmnDocument('zjj-permit', receiveAndReview), { jobTypes });
    const outcomeWarnings = (warnings: Array<{ field: string; message: string }>) => warnings.filter((w) => w.message.startsWith('end-without-outcome: ')).map((w) => w.field);
    expect(outcomeWarnings(plain.warnings)).to.deep.equal(['end']);
    const sealed = receiveAndReview
      .replace('<bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>', '<bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask><bpmn:serviceTask id="seal" name="用印"><bpmn:extensionElements><zeebe:taskDefinition type="seal" /></bpmn:extensionElements><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>')
      .replace('<bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>', '<bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>')
      .replace('targetRef="end" />', 'targetRef="seal" /><bpmn:sequenceFlow id="f4" sourceRef="seal" targetRef="end" />');
    expect(outcomeWarnings((await validateBpmn(bpmnDocument('zjj-permit', sealed), { jobTypes })).warnings)).to.deep.equal([]);
  });

  it('refuses XML that is not well-formed', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview).replace('</bpmn:process>', ''));
    expect(error.code).to.equal('BPMN_MALFORMED');
    expect(error.status).to.equal(400);
  });

  it('refuses a DOCTYPE with entities before any parser sees it', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>` +
      bpmnDocument('p', receiveAndReview).replace(/^<\?xml[^>]*>/, '').replace('name="收件"', 'name="&lol2;"');
    const error = await refusal(bomb);
    expect(error.code).to.equal('BPMN_DOCTYPE_FORBIDDEN');
    expect(error.fields?.[0].field).to.equal('xml');
  });

  it('refuses a lone ENTITY declaration written in lower case', async () => {
    expect((await refusal(`<!entity x SYSTEM "file:///etc/passwd">${bpmnDocument('p', receiveAndReview)}`)).code).to.equal('BPMN_DOCTYPE_FORBIDDEN');
  });

  it('refuses a document over the size limit', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview), 1000);
    expect(error.code).to.equal('BPMN_TOO_LARGE');
    expect(error.status).to.equal(413);
  });

  it('refuses unknown elements reported by the parser, naming the element', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace('<bpmn:sequenceFlow id="f3"', '<bpmn:sequenceFlow id="f3" bogus="1"')));
    expect(error.code).to.equal('BPMN_INVALID');
    expect(fieldsOf(error).join('\n')).to.contain('unknown attribute <bogus>');
  });

  it('refuses a job type without a registered handler, naming the service task', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace('type="receive"', 'type="launchRocket"')));
    expect(error.code).to.equal('BPMN_INVALID');
    expect(fieldsOf(error)).to.deep.equal([`receive: job type "launchRocket" has no registered handler (known: ${[...jobTypes].sort().join(', ')})`]);
  });

  it('refuses a user task without an assignment', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace('<zeebe:assignmentDefinition candidateGroups="dept:zjj" />', '')));
    expect(fieldsOf(error)).to.include('review: user task without an assignment (assignee, candidate groups or candidate users)');
  });

  it('refuses FEEL that does not parse, naming the element that holds it', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace('candidateGroups="dept:zjj"', 'candidateGroups="=&quot;dept:&quot; + "')));
    expect(error.fields?.map((f) => f.field)).to.include('review');
    expect(fieldsOf(error).join('\n')).to.match(/FEEL in zeebe:AssignmentDefinition\.candidateGroups does not parse/);
  });

  it('refuses a process without a diagram, and a flow node without a shape', async () => {
    const none = await refusal(bpmnDocument('p', receiveAndReview, { di: false }));
    expect(fieldsOf(none)).to.deep.equal(['xml: no BPMNDiagram: the process has no layout (DI)']);
    const partial = await refusal(bpmnDocument('p', receiveAndReview).replace(/<bpmndi:BPMNShape id="review_di".*?<\/bpmndi:BPMNShape>/, ''));
    expect(fieldsOf(partial)).to.deep.equal(['review: no BPMNShape for this element in the diagram']);
  });

  it('refuses a script task as an element the executor does not run', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace(/<bpmn:serviceTask id="receive"(.*?)<\/bpmn:serviceTask>/s, '<bpmn:scriptTask id="receive"$1</bpmn:scriptTask>')));
    expect(fieldsOf(error).join('\n')).to.contain('receive: unsupported element bpmn:ScriptTask');
  });

  it('refuses what the Camunda 8 lint rules refuse: a service task without a task definition', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace('<bpmn:extensionElements><zeebe:taskDefinition type="receive" /></bpmn:extensionElements>', '')));
    expect(fieldsOf(error).join('\n')).to.match(/receive: camunda-compat\/implementation: /);
  });

  it('refuses a document with no executable process', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview).replace('isExecutable="true"', 'isExecutable="false"'));
    expect(fieldsOf(error)).to.deep.equal(['p: no executable process (isExecutable="true")']);
  });

  it('refuses candidate groups whose FEEL yields a string (Zeebe needs a list), and accepts the list form', async () => {
    const asString = await refusal(bpmnDocument('p', receiveAndReview.replace('candidateGroups="dept:zjj"', 'candidateGroups="=&quot;dept:&quot; + departmentCode"')));
    expect(fieldsOf(asString)).to.deep.equal(['review: candidateGroups ="dept:" + departmentCode yields a string; Zeebe needs a list (=["dept:" + departmentCode]) or a static comma-separated string']);
    const asList = await validateBpmn(bpmnDocument('p', receiveAndReview.replace('candidateGroups="dept:zjj"', 'candidateGroups="=[&quot;dept:&quot; + departmentCode]"')), { jobTypes });
    expect(asList.processes).to.have.length(1);
  });

  it('refuses a sequence flow its source does not list as outgoing, as Zeebe reads gateways by those references', async () => {
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace('<bpmn:outgoing>f2</bpmn:outgoing>', '')));
    expect(fieldsOf(error)).to.include('receive: sequence flow f2 is not listed as <bpmn:outgoing> of receive');
  });

  it('refuses what Zeebe 8.5 does not have: a call activity bound by version tag', async () => {
    const call = '<bpmn:callActivity id="receive" name="收件"><bpmn:extensionElements><zeebe:calledElement processId="child" bindingType="versionTag" versionTag="v1" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:callActivity>';
    const error = await refusal(bpmnDocument('p', receiveAndReview.replace(/<bpmn:serviceTask id="receive".*?<\/bpmn:serviceTask>/s, call)));
    expect(fieldsOf(error).join('\n')).to.contain('receive: bindingType "versionTag" needs Zeebe 8.6+');
  });
});

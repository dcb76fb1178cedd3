import { expect } from 'chai';
import { bpmnDocument } from '../../test/support/processes/fixtures.ts';
import { lintDefinitions } from './lint.ts';
import { lintMessageZh } from './lint-messages.ts';
import { zeebeModdle, type ModdleElement } from './moddle.ts';

/** A process that breaks many of the shared lint rules at once: each of its messages must read in Chinese. */
const broken = `
<bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
<bpmn:serviceTask id="noJob" name="没有作业类型"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
<bpmn:exclusiveGateway id="split" name="分支"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>a</bpmn:outgoing><bpmn:outgoing>b</bpmn:outgoing></bpmn:exclusiveGateway>
<bpmn:userTask id="unnamed"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept:zjj" /></bpmn:extensionElements><bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>c</bpmn:outgoing></bpmn:userTask>
<bpmn:complexGateway id="complex" name="复杂"><bpmn:incoming>b</bpmn:incoming><bpmn:outgoing>d</bpmn:outgoing></bpmn:complexGateway>
<bpmn:task id="island" name="孤立" />
<bpmn:endEvent id="end" name="办结"><bpmn:incoming>c</bpmn:incoming><bpmn:incoming>d</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="noJob" />
<bpmn:sequenceFlow id="f2" sourceRef="noJob" targetRef="split" />
<bpmn:sequenceFlow id="a" sourceRef="split" targetRef="unnamed" />
<bpmn:sequenceFlow id="b" sourceRef="split" targetRef="complex" />
<bpmn:sequenceFlow id="c" sourceRef="unnamed" targetRef="end" />
<bpmn:sequenceFlow id="d" sourceRef="complex" targetRef="end" />`;

describe('lint messages in Chinese: one dictionary for the canvas and the server\'s check results', () => {
  it('translates every message the shared rule set gives on a broken process, rule prefix and all', async () => {
    const definitions = (await (await zeebeModdle()).fromXML(bpmnDocument('zjj-broken', broken), 'bpmn:Definitions')).rootElement as ModdleElement;
    const { errors, warnings } = await lintDefinitions(definitions);
    const messages = [...errors, ...warnings].map((p) => p.message);
    expect(messages.join('\n')).to.contain('label-required').and.contain('zeebe:TaskDefinition').and.contain('not connected').and.contain('<conditionExpression>');
    const left = messages.filter((m) => lintMessageZh(m) === undefined);
    expect(left, 'messages without a Chinese text').to.deep.equal([]);
    expect(lintMessageZh('camunda-compat/implementation: Element of type <bpmn:ServiceTask> must have one extension element of type <zeebe:TaskDefinition>'))
      .to.equal('「服务任务」必须有一个「任务定义（作业类型）」');
    expect(lintMessageZh('Element is missing label/name')).to.equal('缺少名称：请填写环节名称');
  });

  it('leaves a message it does not know alone (the page shows it as it is)', () => {
    expect(lintMessageZh('a draft holds exactly one executable process (found 2)')).to.equal(undefined);
  });
});

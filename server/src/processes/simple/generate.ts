import { layoutProcess } from 'bpmn-auto-layout';
import type { SimpleNode, SimpleProcess } from './schema.ts';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const headers = (pairs: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(pairs).map(([key, value]) => `<zeebe:header key="${key}" value="${escape(value)}" />`).join('')}</zeebe:taskHeaders>`;
const job = (type: string, extra = '') => `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extra}</bpmn:extensionElements>`;

interface Step { id: string; xml: (incoming: string, outgoing: string) => string; after?: string }

/** One node as BPMN elements with the hall's element templates' job types and headers. */
function stepsOf(node: SimpleNode, index: number): Step[] {
  const id = `${node.kind}${index + 1}`;
  const io = (incoming: string, outgoing: string) => `<bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing>`;
  const service = (name: string, type: string, extra = '') => ({ id, xml: (i: string, o: string) => `<bpmn:serviceTask id="${id}" name="${name}" zeebe:modelerTemplate="onewindow.${type}">${job(type, extra)}${io(i, o)}</bpmn:serviceTask>` });
  const user = (name: string, taskId: string, groups: string, head: Record<string, string>, loop = '') =>
    ({ id: taskId, xml: (i: string, o: string) => `<bpmn:userTask id="${taskId}" name="${escape(name)}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${escape(groups)}" />${headers(head)}</bpmn:extensionElements>${io(i, o)}${loop}</bpmn:userTask>` });
  switch (node.kind) {
    case 'receive': return [service('收件', 'receive', headers({ stage: 'intake' }))];
    case 'notify': return [service('抄送通知', 'notify', headers({ template: node.template }))];
    case 'prepareCertificate': return [service('缮证', 'prepareCertificate')];
    case 'issue': return [service('发证', 'issue', headers({ mode: 'counter' }))];
    case 'review': return [user(node.name, id, `dept:${node.department}`, { step: id, authority: node.power, limitDays: String(node.limitDays) })];
    case 'parallelReview': return [user('并联审查', id, '=["dept:" + reviewDepartment]', { step: id, authority: 'reviewAndReport' },
      `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=${escape(JSON.stringify(node.departments))}" inputElement="reviewDepartment" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`)];
    case 'decide': {
      const decide = user(node.seal ? '审批决定（用印）' : '审批决定', id, `dept:${node.department}`, { step: id, authority: 'decide', sealRequired: String(node.seal) });
      return node.seal ? [decide, { id: `${id}Seal`, xml: (i, o) => `<bpmn:serviceTask id="${id}Seal" name="用印" zeebe:modelerTemplate="onewindow.seal">${job('seal', headers({ document: 'decision' }))}${io(i, o)}</bpmn:serviceTask>` }] : [decide];
    }
  }
}

/**
 * Generates Camunda 8 BPMN for a simple-designer node list: start → the nodes in order → end, each
 * node as the element its hall template makes, laid out by bpmn-auto-layout. The node list travels
 * with the draft (`simple`), so the draft opens back in the simple designer.
 */
export async function generateBpmn(process: SimpleProcess): Promise<string> {
  const steps = process.nodes.flatMap(stepsOf);
  const ids = ['start', ...steps.map((s) => s.id), 'end'];
  const flows = ids.slice(1).map((target, i) => ({ id: `flow${i + 1}`, source: ids[i], target }));
  const body = [
    `<bpmn:startEvent id="start" name="申请"><bpmn:outgoing>flow1</bpmn:outgoing></bpmn:startEvent>`,
    ...steps.map((step, i) => step.xml(`flow${i + 1}`, `flow${i + 2}`)),
    `<bpmn:endEvent id="end" name="办结"><bpmn:incoming>flow${flows.length}</bpmn:incoming></bpmn:endEvent>`,
    ...flows.map((f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}" />`),
  ].join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="definitions" targetNamespace="https://onewindow.example/bpmn">
<bpmn:process id="${process.processId}" name="${escape(process.name)}" isExecutable="true">
${body}
</bpmn:process>
</bpmn:definitions>`;
  return layoutProcess(xml);
}

import { layoutProcess } from 'bpmn-auto-layout';
import type { BranchNode, SimpleNode, SimpleProcess } from './schema.ts';

/** The process's extension property that carries the node list, so a generated process opens back in the simple designer. */
export const NODE_LIST_PROPERTY = 'onewindow:simpleDesigner';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const headers = (pairs: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(pairs).map(([key, value]) => `<zeebe:header key="${key}" value="${escape(value)}" />`).join('')}</zeebe:taskHeaders>`;
const job = (type: string, extra = '') => `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extra}</bpmn:extensionElements>`;
const feelList = (values: string[]) => `=${JSON.stringify(values)}`;

interface Element { id: string; render(io: string): string }
interface Flow { id: string; source: string; target: string; name?: string; condition?: string }

/** Elements and flows of the process being built; `io` is filled in from the flows at the end (Zeebe reads `<bpmn:outgoing>`). */
class Graph {
  readonly elements: Element[] = [];
  readonly flows: Flow[] = [];
  add(id: string, render: (io: string) => string) { this.elements.push({ id, render }); return id; }
  connect(source: string, target: string, extra: Pick<Flow, 'name' | 'condition'> = {}) {
    const flow = { id: `flow${this.flows.length + 1}`, source, target, ...extra };
    this.flows.push(flow);
    return flow.id;
  }
  io(id: string) {
    return [...this.flows.filter((f) => f.target === id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`),
      ...this.flows.filter((f) => f.source === id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`)].join('');
  }
}

const service = (id: string, name: string, type: string, extra = '') => (io: string) =>
  `<bpmn:serviceTask id="${id}" name="${escape(name)}" zeebe:modelerTemplate="onewindow.${type}">${job(type, extra)}${io}</bpmn:serviceTask>`;
const user = (id: string, name: string, groups: string, head: Record<string, string>, more = { extensions: '', loop: '' }) => (io: string) =>
  `<bpmn:userTask id="${id}" name="${escape(name)}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${escape(groups)}" />${more.extensions}${headers(head)}</bpmn:extensionElements>${io}${more.loop}</bpmn:userTask>`;
const multiInstance = (attributes: Record<string, string>) =>
  `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics ${Object.entries(attributes).map(([k, v]) => `${k}="${escape(v)}"`).join(' ')} /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;

/** One step's elements, in order, with the hall's element templates' job types and headers; answers their ids. */
function elementsOf(graph: Graph, node: Exclude<SimpleNode, { kind: 'condition' }>, id: string): string[] {
  switch (node.kind) {
    case 'receive': return [graph.add(id, service(id, '收件', 'receive', headers({ stage: 'intake' })))];
    case 'notify': return [graph.add(id, service(id, '抄送通知', 'notify', headers({ template: node.template })))];
    case 'prepareCertificate': return [graph.add(id, service(id, '缮证', 'prepareCertificate'))];
    case 'issue': return [graph.add(id, service(id, '发证', 'issue', headers({ mode: 'counter' })))];
    case 'review': return [graph.add(id, user(id, node.name, `dept:${node.department}`, { step: id, authority: node.power, limitDays: String(node.limitDays) }))];
    case 'parallelReview': return [graph.add(id, user(id, '并联审查', '=["dept:" + reviewDepartment]', { step: id, authority: 'reviewAndReport' },
      { extensions: '', loop: multiInstance({ inputCollection: feelList(node.departments), inputElement: 'reviewDepartment' }) }))];
    case 'jointReview': return [
      // as in workflows/joint-drawing-review.bpmn: each unit's outcome and opinion gathered into unitOpinions
      graph.add(id, user(id, '联合审图（各单位审查）', '=["dept:" + unit]', { step: 'unitReview', authority: 'reviewAndReport', limitDays: String(node.limitDays) }, {
        extensions: '<zeebe:ioMapping><zeebe:input source="=null" target="unitOutcome" /><zeebe:input source="=null" target="opinion" /></zeebe:ioMapping>',
        loop: multiInstance({ inputCollection: feelList(node.units), inputElement: 'unit', outputCollection: 'unitOpinions', outputElement: '={unit: unit, outcome: unitOutcome, opinion: opinion}' }),
      })),
      graph.add(`${id}Consolidate`, user(`${id}Consolidate`, '牵头单位汇总审图意见', `dept:${node.lead}`, { step: 'consolidate', authority: 'coordinate' })),
      graph.add(`${id}Opinion`, service(`${id}Opinion`, '出具综合审图意见书', 'renderDocument', headers({ documentKind: 'jointReviewOpinion' }))),
    ];
    case 'decide': {
      const decide = graph.add(id, user(id, node.seal ? '审批决定（用印）' : '审批决定', `dept:${node.department}`, { step: id, authority: 'decide', sealRequired: String(node.seal) }));
      return node.seal ? [decide, graph.add(`${id}Seal`, service(`${id}Seal`, '用印', 'seal', headers({ document: 'decision' })))] : [decide];
    }
  }
}

const conditionOf = (branch: { field: string; value: string }) => `=${branch.field} = ${JSON.stringify(branch.value)}`;

/**
 * Chains `nodes` after `from`, the first flow carrying `first` (a branch's name and condition);
 * answers the last element's id. A 条件分支 becomes an exclusive split, its branches (each at least
 * one step), 其他情况 as the split's default (empty: straight to the join), and a join.
 */
function chain(graph: Graph, nodes: Array<SimpleNode | BranchNode>, prefix: string, from: string, first: Pick<Flow, 'name' | 'condition'> = {}): string {
  let last = from;
  let extra = first;
  const step = (target: string) => {
    graph.connect(last, target, extra);
    last = target;
    extra = {};
  };
  nodes.forEach((node, index) => {
    const id = `${prefix}${node.kind}${index + 1}`;
    if (node.kind !== 'condition') return elementsOf(graph, node, id).forEach(step);
    const split = `${id}Split`;
    const join = `${id}Join`;
    step(split);
    for (const [b, branch] of node.branches.entries()) {
      graph.connect(chain(graph, branch.nodes, `${id}b${b + 1}`, split, { name: branch.name, condition: conditionOf(branch) }), join);
    }
    let otherwise: string;
    if (node.otherwise.length === 0) otherwise = graph.connect(split, join, { name: '其他情况' });
    else {
      const end = chain(graph, node.otherwise, `${id}else`, split, { name: '其他情况' });
      otherwise = graph.flows.find((f) => f.source === split && !f.condition)!.id;
      graph.connect(end, join);
    }
    graph.add(split, (io) => `<bpmn:exclusiveGateway id="${split}" name="条件分支" default="${otherwise}">${io}</bpmn:exclusiveGateway>`);
    graph.add(join, (io) => `<bpmn:exclusiveGateway id="${join}">${io}</bpmn:exclusiveGateway>`);
    last = join;
  });
  return last;
}

/** The semantic BPMN (no diagram) of a node list: what is laid out, and what recognition compares. */
export function semanticBpmn(process: SimpleProcess): string {
  const graph = new Graph();
  graph.add('start', (io) => `<bpmn:startEvent id="start" name="申请">${io}</bpmn:startEvent>`);
  const last = chain(graph, process.nodes, '', 'start');
  graph.connect(last, 'end');
  graph.add('end', (io) => `<bpmn:endEvent id="end" name="办结">${io}</bpmn:endEvent>`);
  const flows = graph.flows.map((f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}"${f.name ? ` name="${escape(f.name)}"` : ''}>${
    f.condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escape(f.condition)}</bpmn:conditionExpression>` : ''}</bpmn:sequenceFlow>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="definitions" targetNamespace="https://onewindow.example/bpmn">
<bpmn:process id="${process.processId}" name="${escape(process.name)}" isExecutable="true">
<bpmn:extensionElements><zeebe:properties><zeebe:property name="${NODE_LIST_PROPERTY}" value="${escape(JSON.stringify(process.nodes))}" /></zeebe:properties></bpmn:extensionElements>
${graph.elements.map((e) => e.render(graph.io(e.id))).join('\n')}
${flows.join('\n')}
</bpmn:process>
</bpmn:definitions>`;
}

/**
 * Generates Camunda 8 BPMN for a simple-designer node list: start → the nodes in order → end, each
 * node as the element its hall template makes, a 条件分支 as an exclusive split and join, laid out by
 * bpmn-auto-layout. The node list travels in the process (`NODE_LIST_PROPERTY`), so the process
 * opens back in the simple designer (recognise.ts).
 */
export async function generateBpmn(process: SimpleProcess): Promise<string> {
  return layoutProcess(semanticBpmn(process));
}

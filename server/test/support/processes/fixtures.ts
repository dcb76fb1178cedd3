/**
 * Small BPMN documents for tests of this feature, written as XML so each test shows what it sends.
 * `bpmnDocument` adds a shape for every flow node and an edge for every sequence flow it finds in
 * the body, unless `di: false`.
 */
const namespaces = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
  'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
  'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
].join(' ');

export function bpmnDocument(processId: string, body: string, options: { di?: boolean; name?: string } = {}): string {
  const nodes = [...body.matchAll(/<bpmn:(\w+) id="([^"]+)"/g)].filter(([, tag]) => tag !== 'sequenceFlow').map(([, , id]) => id);
  const flows = [...body.matchAll(/<bpmn:sequenceFlow id="([^"]+)"/g)].map(([, id]) => id);
  const shapes = nodes.map((id, i) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${100 + i * 150}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`);
  const edges = flows.map((id) => `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="0" y="0" /><di:waypoint x="10" y="0" /></bpmndi:BPMNEdge>`);
  const di = options.di === false ? '' : `<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">${[...shapes, ...edges].join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${namespaces} id="definitions" targetNamespace="https://onewindow.example/bpmn">
<bpmn:process id="${processId}" name="${options.name ?? '测试流程'}" isExecutable="true">${body}</bpmn:process>${di}
</bpmn:definitions>`;
}

/** start → 收件 (receive) → 审查 (user task for dept:zjj) → end. */
export const receiveAndReview = `
<bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
<bpmn:serviceTask id="receive" name="收件"><bpmn:extensionElements><zeebe:taskDefinition type="receive" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
<bpmn:userTask id="review" name="审查"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept:zjj" /></bpmn:extensionElements><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
<bpmn:endEvent id="end" name="办结"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receive" />
<bpmn:sequenceFlow id="f2" sourceRef="receive" targetRef="review" />
<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />`;

const userTask = (id: string, name: string, incoming: string[], outgoing: string[]) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="dept:zjj" /></bpmn:extensionElements>${incoming.map((f) => `<bpmn:incoming>${f}</bpmn:incoming>`).join('')}${outgoing.map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`).join('')}</bpmn:userTask>`;

/**
 * 收件 → a split whose default way leads into 补充 ⇄ 复核, a loop with no way out; `condition`
 * is the split's other flow's condition (to 审查 → end).
 */
export const loopWithoutEnd = (condition = '=reviewOutcome = "approve"') => `
<bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
<bpmn:serviceTask id="receive" name="收件"><bpmn:extensionElements><zeebe:taskDefinition type="receive" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
<bpmn:exclusiveGateway id="split" name="是否补充" default="toLoop"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>toReview</bpmn:outgoing><bpmn:outgoing>toLoop</bpmn:outgoing></bpmn:exclusiveGateway>
${userTask('review', '审查', ['toReview'], ['f3'])}
<bpmn:endEvent id="end" name="办结"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
<bpmn:exclusiveGateway id="merge" name="汇合"><bpmn:incoming>toLoop</bpmn:incoming><bpmn:incoming>back</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
${userTask('supplement', '补充', ['f4'], ['f5'])}
${userTask('recheck', '复核', ['f5'], ['back'])}
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receive" />
<bpmn:sequenceFlow id="f2" sourceRef="receive" targetRef="split" />
<bpmn:sequenceFlow id="toReview" sourceRef="split" targetRef="review"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toLoop" sourceRef="split" targetRef="merge" />
<bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
<bpmn:sequenceFlow id="f4" sourceRef="merge" targetRef="supplement" />
<bpmn:sequenceFlow id="f5" sourceRef="supplement" targetRef="recheck" />
<bpmn:sequenceFlow id="back" sourceRef="recheck" targetRef="merge" />`;

/** `receiveAndReview` plus an island 孤岛 ⇄ 孤岛二 that no path from the start reaches. */
export const withIsland = `${receiveAndReview}
${userTask('island', '孤岛', ['i2'], ['i1'])}
${userTask('island2', '孤岛二', ['i1'], ['i2'])}
<bpmn:sequenceFlow id="i1" sourceRef="island" targetRef="island2" />
<bpmn:sequenceFlow id="i2" sourceRef="island2" targetRef="island" />`;

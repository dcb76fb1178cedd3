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

/** The benchmarks' one-step process: start → 审查 (candidate group `dept:<departmentCode>`) → end. */
export const reviewProcess = (id: string) => ({
  name: `${id}.bpmn`, xml: `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="https://onewindow.example/bpmn">
<bpmn:process id="${id}" isExecutable="true">
<bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
<bpmn:userTask id="review" name="审查"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=&#34;dept:&#34; + departmentCode" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
<bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" /><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" />
</bpmn:process></bpmn:definitions>`,
});

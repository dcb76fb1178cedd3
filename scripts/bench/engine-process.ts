/** The generic approval process of the engine benchmark, valid for both the embedded executor and bpmn-engine. */
const job = (id: string, type: string) => `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const user = (id: string, name: string, group: string) => `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}"/></bpmn:extensionElements></bpmn:userTask>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

export const REVIEWS = ['reviewZjj', 'reviewGaj', 'reviewScj'];

export const genericXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench_defs" targetNamespace="http://onewindow.bench">
<bpmn:process id="bench_generic" name="通用审批" isExecutable="true">
<bpmn:startEvent id="start"/>
${job('receive', 'bench-receive')}${job('transfer', 'bench-transfer')}
<bpmn:parallelGateway id="fork"/>
${user('reviewZjj', '住建局审查', 'zjj')}${user('reviewGaj', '公安局审查', 'gaj')}${user('reviewScj', '市场监管局审查', 'scj')}
<bpmn:parallelGateway id="join"/>
${user('approve', '审批', 'leaders')}${job('issue', 'bench-issue')}
<bpmn:endEvent id="end"/>
${flow('f1', 'start', 'receive')}${flow('f2', 'receive', 'transfer')}${flow('f3', 'transfer', 'fork')}
${REVIEWS.map((r, i) => flow(`fa${i}`, 'fork', r) + flow(`fb${i}`, r, 'join')).join('')}
${flow('f4', 'join', 'approve')}${flow('f5', 'approve', 'issue')}${flow('f6', 'issue', 'end')}
</bpmn:process></bpmn:definitions>`;

export const timerXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="bench_timer_defs" targetNamespace="http://onewindow.bench">
<bpmn:process id="bench_timer" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:intermediateCatchEvent id="sla"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
<bpmn:endEvent id="end"/>
${flow('t1', 'start', 'sla')}${flow('t2', 'sla', 'end')}
</bpmn:process></bpmn:definitions>`;

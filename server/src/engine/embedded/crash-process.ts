/** The process of the crash test: a job, then a user task beside a timer (on half the cases), then a final job. */
export const crashProcessXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="crash_defs" targetNamespace="http://onewindow.test">
<bpmn:process id="crash" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="crash-work"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:parallelGateway id="fork"/>
<bpmn:userTask id="review"/>
<bpmn:exclusiveGateway id="needWait" default="noWait"/>
<bpmn:intermediateCatchEvent id="cool"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
<bpmn:exclusiveGateway id="merge"/>
<bpmn:parallelGateway id="join"/>
<bpmn:serviceTask id="finish"><bpmn:extensionElements><zeebe:taskDefinition type="crash-finish"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
<bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="fork"/>
<bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="review"/>
<bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="needWait"/>
<bpmn:sequenceFlow id="wait" sourceRef="needWait" targetRef="cool"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=wait</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="noWait" sourceRef="needWait" targetRef="merge"/>
<bpmn:sequenceFlow id="f5" sourceRef="cool" targetRef="merge"/>
<bpmn:sequenceFlow id="f6" sourceRef="merge" targetRef="join"/>
<bpmn:sequenceFlow id="f7" sourceRef="review" targetRef="join"/>
<bpmn:sequenceFlow id="f8" sourceRef="join" targetRef="finish"/>
<bpmn:sequenceFlow id="f9" sourceRef="finish" targetRef="end"/>
</bpmn:process></bpmn:definitions>`;

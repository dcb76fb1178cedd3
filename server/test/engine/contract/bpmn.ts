/**
 * A tiny builder for BPMN snippets in contract scenarios: elements as strings, sequence flows by
 * chains (`seq('start', 'a', 'end')`). Diagrams (DI) are left out: engines do not need them.
 */
let flowCounter = 0;

const attrs = (a: Record<string, string | undefined>) =>
  Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`).join('');

const extensions = (inner: string) => (inner ? `<bpmn:extensionElements>${inner}</bpmn:extensionElements>` : '');

/** A whole definitions document with one executable process (plus root elements such as messages). */
export function definitions(processId: string, body: string, roots = '', processAttrs = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_${processId}" targetNamespace="http://onewindow.test">
${roots}<bpmn:process id="${processId}" isExecutable="true"${processAttrs}>${body}</bpmn:process></bpmn:definitions>`;
}

export const io = (inputs: Record<string, string> = {}, outputs: Record<string, string> = {}) =>
  `<zeebe:ioMapping>${Object.entries(inputs).map(([t, s]) => `<zeebe:input${attrs({ source: s, target: t })}/>`).join('')}${Object.entries(outputs).map(([t, s]) => `<zeebe:output${attrs({ source: s, target: t })}/>`).join('')}</zeebe:ioMapping>`;

export const headers = (h: Record<string, string>) =>
  `<zeebe:taskHeaders>${Object.entries(h).map(([key, value]) => `<zeebe:header${attrs({ key, value })}/>`).join('')}</zeebe:taskHeaders>`;

export const start = (id = 'start', def = '', a: Record<string, string> = {}) => `<bpmn:startEvent${attrs({ id, ...a })}>${def}</bpmn:startEvent>`;
export const end = (id = 'end', def = '', ext = '') => `<bpmn:endEvent${attrs({ id })}>${extensions(ext)}${def}</bpmn:endEvent>`;

/** A job worker task (serviceTask by default). */
export const job = (id: string, type: string, ext = '', tag = 'serviceTask', inner = '') =>
  `<bpmn:${tag}${attrs({ id })}>${extensions(`<zeebe:taskDefinition${attrs({ type })}/>${ext}`)}${inner}</bpmn:${tag}>`;

export const retriesJob = (id: string, type: string, retries: string, ext = '') =>
  `<bpmn:serviceTask${attrs({ id })}>${extensions(`<zeebe:taskDefinition${attrs({ type, retries })}/>${ext}`)}</bpmn:serviceTask>`;

export const userTask = (id: string, a: { assignee?: string; candidateGroups?: string; candidateUsers?: string; dueDate?: string; followUpDate?: string; name?: string } = {}, ext = '', inner = '') =>
  `<bpmn:userTask${attrs({ id, name: a.name })}>${extensions(`${a.assignee || a.candidateGroups || a.candidateUsers ? `<zeebe:assignmentDefinition${attrs({ assignee: a.assignee, candidateGroups: a.candidateGroups, candidateUsers: a.candidateUsers })}/>` : ''}${a.dueDate || a.followUpDate ? `<zeebe:taskSchedule${attrs({ dueDate: a.dueDate, followUpDate: a.followUpDate })}/>` : ''}${ext}`)}${inner}</bpmn:userTask>`;

export const el = (tag: string, id: string, inner = '', a: Record<string, string | undefined> = {}) => `<bpmn:${tag}${attrs({ id, ...a })}>${inner}</bpmn:${tag}>`;

/** A gateway; `outgoing` lists its flows as <bpmn:outgoing> references (Zeebe reads an event-based gateway's flows from them). */
export const gateway = (kind: 'exclusive' | 'parallel' | 'inclusive' | 'eventBased', id: string, defaultFlow?: string, outgoing: string[] = []) =>
  `<bpmn:${kind}Gateway${attrs({ id, default: defaultFlow })}>${outgoing.map((f) => `<bpmn:outgoing>${f}</bpmn:outgoing>`).join('')}</bpmn:${kind}Gateway>`;

export const flow = (id: string, from: string, to: string, condition?: string) =>
  `<bpmn:sequenceFlow${attrs({ id, sourceRef: from, targetRef: to })}>${condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:conditionExpression>` : ''}</bpmn:sequenceFlow>`;

/** Sequence flows along a chain of element ids. */
export const seq = (...ids: string[]) => ids.slice(1).map((to, i) => flow(`f${++flowCounter}_${ids[i]}_${to}`, ids[i], to)).join('');

export const message = (name: string, correlationKey?: string) =>
  `<bpmn:message${attrs({ id: `msg_${name}`, name })}>${correlationKey ? extensions(`<zeebe:subscription${attrs({ correlationKey })}/>`) : ''}</bpmn:message>`;
export const messageDef = (name: string) => `<bpmn:messageEventDefinition messageRef="msg_${name}"/>`;

export const error = (code: string) => `<bpmn:error id="err_${code}" errorCode="${code}"/>`;
export const errorDef = (code?: string) => `<bpmn:errorEventDefinition${code ? ` errorRef="err_${code}"` : ''}/>`;

export const timerDef = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

export const boundary = (id: string, attachedTo: string, def: string, interrupting = true) =>
  `<bpmn:boundaryEvent${attrs({ id, attachedToRef: attachedTo, cancelActivity: interrupting ? undefined : 'false' })}>${def}</bpmn:boundaryEvent>`;

export const catchEvent = (id: string, def: string, ext = '') => `<bpmn:intermediateCatchEvent${attrs({ id })}>${extensions(ext)}${def}</bpmn:intermediateCatchEvent>`;

export const subProcess = (id: string, body: string, ext = '', a: Record<string, string | undefined> = {}) =>
  `<bpmn:subProcess${attrs({ id, ...a })}>${extensions(ext)}${body}</bpmn:subProcess>`;

export const multiInstance = (a: { sequential?: boolean; inputCollection: string; inputElement?: string; outputCollection?: string; outputElement?: string; completionCondition?: string }) =>
  `<bpmn:multiInstanceLoopCharacteristics${a.sequential ? ' isSequential="true"' : ''}>${extensions(`<zeebe:loopCharacteristics${attrs({ inputCollection: a.inputCollection, inputElement: a.inputElement, outputCollection: a.outputCollection, outputElement: a.outputElement })}/>`)}${a.completionCondition ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${a.completionCondition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:completionCondition>` : ''}</bpmn:multiInstanceLoopCharacteristics>`;

export const callActivity = (id: string, processId: string, ext = '', a: { propagateAllChildVariables?: string; bindingType?: string; versionTag?: string } = {}) =>
  `<bpmn:callActivity${attrs({ id })}>${extensions(`<zeebe:calledElement${attrs({ processId, propagateAllChildVariables: a.propagateAllChildVariables, bindingType: a.bindingType, versionTag: a.versionTag })}/>${ext}`)}</bpmn:callActivity>`;

/**
 * Deploy-time parsing and validation: BPMN XML → CompiledProcess[]. Refuses what the executor does
 * not run (naming the element), DOCTYPEs (entity bombs) and FEEL that does not parse — as Zeebe
 * refuses such deployments (https://docs.camunda.io/docs/components/modeler/bpmn/bpmn-coverage/).
 */
import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { EngineInvalid } from '../errors.ts';
import { checkFeelSyntax } from './feel.ts';
import { refuseElementUnlikeZeebe85, refuseGraphUnlikeZeebe85 } from './zeebe85.ts';
import type { CompiledProcess, Flow, Mapping, Node, TimerSpec } from './model.ts';

// Moddle elements are dynamic objects; this is the one place they are read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type El = any;

const ACTIVITIES = new Set(['serviceTask', 'userTask', 'receiveTask', 'manualTask', 'task', 'businessRuleTask', 'sendTask', 'subProcess', 'callActivity']);
const SUPPORTED = new Set([...ACTIVITIES, 'startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent',
  'exclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'inclusiveGateway']);
const IGNORED = new Set(['sequenceFlow', 'textAnnotation', 'association', 'dataObject', 'dataObjectReference', 'dataStoreReference', 'group']);

export const unsupported = (elementId: string, what: string) => new EngineInvalid({
  code: 'UNSUPPORTED_ELEMENT',
  zh: `流程元素 ${elementId} 不受支持：${what}`, en: `Element ${elementId} is not supported: ${what}`,
  fields: [{ field: elementId, message: what }],
});

const invalid = (elementId: string, en: string, zh: string) => new EngineInvalid({
  code: 'INVALID_BPMN', zh: `${elementId}：${zh}`, en: `${elementId}: ${en}`, fields: [{ field: elementId, message: en }],
});

const moddle = BpmnModdle({ zeebe: zeebeModdle });

/** Parses and compiles every executable process of a BPMN resource. Throws EngineInvalid on anything refused. */
export async function compileBpmn(xml: string): Promise<CompiledProcess[]> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new EngineInvalid({ code: 'BPMN_DOCTYPE_REFUSED', zh: 'BPMN 文件不得包含 DOCTYPE 或实体声明', en: 'BPMN with a DOCTYPE or entity declarations is refused' });
  }
  let root: El;
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    root = parsed.rootElement;
    const bad = parsed.warnings.find((w: El) => /unparsable|unknown|unresolved/i.test(String(w.message)));
    if (bad) throw new Error(bad.message);
  } catch (error) {
    throw new EngineInvalid({ code: 'BPMN_PARSE_ERROR', zh: 'BPMN 文件无法解析', en: `BPMN does not parse: ${(error as Error).message}`, cause: error });
  }
  const processes = (root.rootElements ?? []).filter((e: El) => e.$type === 'bpmn:Process' && e.isExecutable !== false);
  if (!processes.length) throw invalid('definitions', 'no executable process', '没有可执行的流程');
  return processes.map(compileProcess);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function ext(el: El, type: string): El | undefined {
  return (el.extensionElements?.values ?? []).find((v: El) => v.$type === type);
}

function expr(el: El, prop: string): string | undefined {
  const v = el?.[prop];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : v.body;
}

function mappings(list: El[] | undefined): Mapping[] {
  return (list ?? []).map((m: El) => ({ source: m.source ?? '=null', target: m.target }));
}

function compileProcess(proc: El): CompiledProcess {
  const nodes: Record<string, Node> = {};
  const flows: Record<string, Flow> = {};
  const out: CompiledProcess = {
    processId: proc.id, name: proc.name, versionTag: ext(proc, 'zeebe:VersionTag')?.value,
    nodes, flows, messageStarts: [], timerStarts: [], eventSubProcesses: [], reachableFrom: {},
  };
  const expressions: [string, string][] = [];
  const walk = (container: El, parent: string | null) => {
    for (const el of container.flowElements ?? []) {
      const type = lowerFirst(String(el.$type).replace(/^bpmn:/, ''));
      if (type === 'sequenceFlow') {
        flows[el.id] = { id: el.id, source: el.sourceRef.id, target: el.targetRef.id, condition: expr(el, 'conditionExpression') };
        if (flows[el.id].condition) expressions.push([el.id, flows[el.id].condition!]);
        continue;
      }
      if (IGNORED.has(type)) continue;
      if (!SUPPORTED.has(type)) throw unsupported(el.id, type === 'scriptTask' ? 'script tasks are refused: code does not travel inside a BPMN file' : type);
      refuseElementUnlikeZeebe85(el, type);
      const node = compileNode(el, type, parent, expressions);
      nodes[node.id] = node;
      if (type === 'subProcess') walk(el, el.id);
    }
  };
  walk(proc, null);
  for (const f of Object.values(flows)) {
    nodes[f.source]?.outgoing.push(f.id);
    nodes[f.target]?.incoming.push(f.id);
  }
  for (const n of Object.values(nodes)) {
    if (n.attachedTo) nodes[n.attachedTo].boundaries.push(n.id);
    const container = n.parent ? nodes[n.parent] : undefined;
    if (n.type === 'subProcess' && n.triggeredByEvent) {
      (container ? container.eventSubProcesses : out.eventSubProcesses).push(n.id);
    } else if (n.type === 'startEvent' && !(container?.triggeredByEvent)) {
      if (n.eventKind === 'none') {
        if (container) container.noneStart = n.id; else out.noneStart = n.id;
      } else if (container) {
        throw unsupported(n.id, 'a sub-process has only a none start event');
      } else if (n.eventKind === 'message') out.messageStarts.push({ nodeId: n.id, name: n.message!.name });
      else if (n.eventKind === 'timer') out.timerStarts.push({ nodeId: n.id, timer: n.timer! });
    } else if (n.type === 'startEvent' && container) {
      container.eventStart = n.id;
    }
  }
  for (const n of Object.values(nodes)) {
    if (n.type === 'subProcess' && !n.triggeredByEvent && !n.noneStart) throw invalid(n.id, 'a sub-process needs a none start event', '子流程需要一个空启动事件');
  }
  refuseGraphUnlikeZeebe85(nodes);
  for (const [id, source] of expressions) checkFeelSyntax(id, source);
  out.reachableFrom = reachability(out);
  return out;
}

function timerOf(def: El, id: string): TimerSpec {
  if (def.timeDuration) return { kind: 'duration', expression: expr(def, 'timeDuration')! };
  if (def.timeDate) return { kind: 'date', expression: expr(def, 'timeDate')! };
  if (def.timeCycle) return { kind: 'cycle', expression: expr(def, 'timeCycle')! };
  throw invalid(id, 'a timer needs a duration, date or cycle', '定时器需要时长、日期或周期');
}

function compileNode(el: El, type: string, parent: string | null, expressions: [string, string][]): Node {
  const node: Node = { id: el.id, type, name: el.name, parent, incoming: [], outgoing: [], inputs: [], outputs: [], boundaries: [], eventSubProcesses: [] };
  const io = ext(el, 'zeebe:IoMapping');
  node.inputs = mappings(io?.inputParameters);
  node.outputs = mappings(io?.outputParameters);
  const td = ext(el, 'zeebe:TaskDefinition');
  if (td) {
    const headers: Record<string, string> = {};
    for (const h of ext(el, 'zeebe:TaskHeaders')?.values ?? []) headers[h.key] = h.value;
    node.job = { type: td.type, retries: td.retries ?? '3', headers };
    expressions.push([el.id, td.type], [el.id, node.job.retries]);
  }
  if (['serviceTask', 'businessRuleTask', 'sendTask'].includes(type) && !td) {
    throw unsupported(el.id, `${type} without zeebe:taskDefinition (called decisions are not supported)`);
  }
  if (type === 'userTask') {
    const a = ext(el, 'zeebe:AssignmentDefinition');
    const s = ext(el, 'zeebe:TaskSchedule');
    const f = ext(el, 'zeebe:FormDefinition');
    node.userTask = { assignee: a?.assignee, candidateGroups: a?.candidateGroups, candidateUsers: a?.candidateUsers, dueDate: s?.dueDate, followUpDate: s?.followUpDate, formKey: f?.formKey ?? f?.formId };
    for (const v of Object.values(node.userTask)) if (v) expressions.push([el.id, v]);
    // Zeebe gives a job-based user task its zeebe:taskHeaders whether or not a taskDefinition is written.
    const headers: Record<string, string> = {};
    for (const h of ext(el, 'zeebe:TaskHeaders')?.values ?? []) headers[h.key] = h.value;
    node.userTask.headers = headers;
  }
  if (type === 'callActivity') {
    const c = ext(el, 'zeebe:CalledElement');
    if (!c?.processId) throw invalid(el.id, 'a call activity needs zeebe:calledElement processId', '调用活动需要 zeebe:calledElement 的 processId');
    node.called = {
      processId: c.processId, propagateAllChildVariables: c.propagateAllChildVariables !== false,
      propagateAllParentVariables: c.propagateAllParentVariables !== false, bindingType: c.bindingType ?? 'latest', versionTag: c.versionTag,
    };
  }
  if (type === 'subProcess') node.triggeredByEvent = !!el.triggeredByEvent;
  if (type === 'receiveTask') {
    if (!el.messageRef?.name) throw invalid(el.id, 'a receive task needs a message with a name', '接收任务需要带名称的消息');
    node.message = { name: el.messageRef.name, correlationKey: ext(el.messageRef, 'zeebe:Subscription')?.correlationKey };
    if (!node.message.correlationKey) throw invalid(el.id, 'a receive task needs zeebe:subscription correlationKey', '接收任务需要 zeebe:subscription 的 correlationKey');
    expressions.push([el.id, node.message.name], [el.id, node.message.correlationKey]);
  }
  if (el.loopCharacteristics) {
    const lc = el.loopCharacteristics;
    const z = ext(lc, 'zeebe:LoopCharacteristics');
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || !z?.inputCollection) throw unsupported(el.id, 'only multi-instance with zeebe:loopCharacteristics inputCollection');
    node.loop = { sequential: !!lc.isSequential, inputCollection: z.inputCollection, inputElement: z.inputElement, outputCollection: z.outputCollection, outputElement: z.outputElement, completionCondition: expr(lc, 'completionCondition') };
    for (const v of [z.inputCollection, z.outputElement, node.loop.completionCondition]) if (v) expressions.push([el.id, v]);
  }
  if (el.default) node.defaultFlow = el.default.id;
  if (type === 'boundaryEvent') {
    node.attachedTo = el.attachedToRef.id;
    node.interrupting = el.cancelActivity !== false;
  }
  if (type === 'startEvent') node.interrupting = el.isInterrupting !== false;
  for (const m of [...node.inputs, ...node.outputs]) expressions.push([el.id, m.source]);
  compileEvent(el, type, node, expressions);
  return node;
}

function compileEvent(el: El, type: string, node: Node, expressions: [string, string][]) {
  if (!type.endsWith('Event')) return;
  const defs = el.eventDefinitions ?? [];
  if (defs.length > 1) throw unsupported(el.id, 'multiple event definitions');
  const def = defs[0];
  const kind = def ? lowerFirst(String(def.$type).replace(/^bpmn:/, '').replace(/EventDefinition$/, '')) : 'none';
  if (!['none', 'message', 'timer', 'error', 'terminate'].includes(kind)) throw unsupported(el.id, `${kind} events`);
  node.eventKind = kind as Node['eventKind'];
  if (kind === 'timer') {
    node.timer = timerOf(def, el.id);
    expressions.push([el.id, node.timer.expression]);
  }
  if (kind === 'message') {
    const msg = def.messageRef;
    if (!msg?.name) throw invalid(el.id, 'a message event needs a message with a name', '消息事件需要带名称的消息');
    node.message = { name: msg.name, correlationKey: ext(msg, 'zeebe:Subscription')?.correlationKey };
    expressions.push([el.id, msg.name]);
    if (node.message.correlationKey) expressions.push([el.id, node.message.correlationKey]);
    const needsKey = type === 'intermediateCatchEvent' || type === 'boundaryEvent' || (type === 'startEvent' && el.$parent?.triggeredByEvent);
    if (needsKey && !node.message.correlationKey) throw invalid(el.id, 'a message catch needs zeebe:subscription correlationKey', '消息捕获需要 zeebe:subscription 的 correlationKey');
    if ((type === 'endEvent' || type === 'intermediateThrowEvent') && !node.job) throw unsupported(el.id, 'a message throw event needs zeebe:taskDefinition (it is a job)');
  }
  if (kind === 'error') {
    node.errorCode = def.errorRef?.errorCode;
    if (type === 'endEvent' && !node.errorCode) throw invalid(el.id, 'an error end event needs an error code', '错误结束事件需要错误码');
  }
  if (kind === 'terminate' && type !== 'endEvent') throw unsupported(el.id, 'terminate is an end event');
  if (kind === 'error' && type === 'boundaryEvent' && el.cancelActivity === false) throw invalid(el.id, 'an error boundary event is always interrupting', '错误边界事件必须是中断的');
  if (type === 'intermediateThrowEvent' && kind !== 'none' && kind !== 'message') throw unsupported(el.id, `${kind} throw events`);
  if (type === 'intermediateCatchEvent' && kind !== 'message' && kind !== 'timer') throw unsupported(el.id, `${kind} catch events`);
}

/** For each node, the set of nodes of the same scope from which it can be reached (inclusive joins). */
function reachability(p: CompiledProcess): Record<string, string[]> {
  const preds: Record<string, string[]> = {};
  for (const n of Object.values(p.nodes)) preds[n.id] = [];
  for (const f of Object.values(p.flows)) preds[f.target]?.push(f.source);
  for (const n of Object.values(p.nodes)) if (n.attachedTo) preds[n.id].push(n.attachedTo);
  const result: Record<string, string[]> = {};
  for (const n of Object.values(p.nodes)) {
    if (n.type !== 'inclusiveGateway') continue;
    const seen = new Set<string>();
    const stack = [...preds[n.id]];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...preds[id]);
    }
    result[n.id] = [...seen];
  }
  return result;
}

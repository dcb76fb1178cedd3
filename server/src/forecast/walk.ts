import { extension, flowElements, processesOf } from '../processes/bpmn-walk.ts';
import { zeebeModdle, type ModdleElement } from '../processes/moddle.ts';
import { judge } from './condition.ts';
import type { AheadStep } from './types.ts';

export type { AheadStep } from './types.ts';

const headersOf = (element: ModdleElement): Record<string, string> => {
  const values = (extension(element, 'zeebe:TaskHeaders')?.get('values') as ModdleElement[] | undefined) ?? [];
  return Object.fromEntries(values.map((h) => [String(h.get('key')), String(h.get('value'))]));
};

/** `issuingClerk`, `a,b`, `=["dept:" + departmentCode]`, `=departmentCode`: evaluated against the variables; others unknown. */
function evaluateList(expression: string | undefined, variables: Record<string, unknown>): string[] {
  if (!expression) return [];
  if (!expression.startsWith('=')) return expression.split(',').map((s) => s.trim()).filter(Boolean);
  const body = expression.slice(1).trim().replace(/^\[(.*)\]$/, '$1');
  const concat = /^"([^"]*)"\s*\+\s*([A-Za-z_]\w*)$/.exec(body);
  if (concat && typeof variables[concat[2]] === 'string') return [`${concat[1]}${String(variables[concat[2]])}`];
  const literal = /^"([^"]*)"$/.exec(body);
  if (literal) return [literal[1]];
  if (/^[A-Za-z_]\w*$/.test(body) && typeof variables[body] === 'string') return [String(variables[body])];
  return [];
}

/** What the model's holders of a (possibly multi-instance) task are, given the variables. */
function holdersOf(task: ModdleElement, variables: Record<string, unknown>): string[] {
  const assignment = extension(task, 'zeebe:AssignmentDefinition');
  const loop = task.get('loopCharacteristics') as ModdleElement | undefined;
  const zeebeLoop = loop ? extension(loop, 'zeebe:LoopCharacteristics') : undefined;
  const collection = zeebeLoop ? String(zeebeLoop.get('inputCollection') ?? '').replace(/^=/, '') : '';
  const element = zeebeLoop ? String(zeebeLoop.get('inputElement') ?? '') : '';
  const scopes = collection && Array.isArray(variables[collection]) ? (variables[collection] as unknown[]).map((item) => ({ ...variables, [element]: item })) : [variables];
  const holders = scopes.flatMap((scope) => [
    ...evaluateList(assignment?.get('candidateGroups') as string | undefined, scope),
    ...evaluateList(assignment?.get('assignee') as string | undefined, scope).map((u) => `user:${u}`),
  ]);
  return [...new Set(holders)];
}

/** What a completed step is assumed to have said: the ordinary way through (approve, pass, grant). */
function assumeCompleted(task: ModdleElement, variables: Record<string, unknown>): Record<string, unknown> {
  const headers = headersOf(task);
  const decided = headers.authority === 'decide' || headers.step === 'decide';
  return { ...variables, reviewOutcome: 'approve', unitOutcome: 'pass', returnTo: null, ...(decided ? { decision: 'grant' } : {}) };
}

/**
 * The steps ahead of the given elements, in the order the ordinary path (every review approves, the
 * decision grants) reaches them: exclusive gateways take the flow whose condition holds for the
 * variables, else their default; parallel and inclusive gateways all flows; a sub-process is entered
 * at its start and left by its outgoing flows. Boundary (timer) events are not followed.
 */
export async function stepsAhead(xml: string, processId: string, from: string[], variablesNow: Record<string, unknown>): Promise<AheadStep[]> {
  const { rootElement } = await (await zeebeModdle()).fromXML(xml);
  const process = processesOf(rootElement).find((p) => p.id === processId) ?? processesOf(rootElement)[0];
  const byId = new Map<string, ModdleElement>();
  for (const element of flowElements(process)) if (element.id) byId.set(element.id, element);
  const ahead: AheadStep[] = [];
  const seen = new Set<string>();
  let variables = { ...variablesNow };

  const outgoing = (node: ModdleElement): ModdleElement[] => {
    const flows = (node.get('outgoing') as ModdleElement[] | undefined) ?? [];
    if (!node.$instanceOf('bpmn:ExclusiveGateway')) return flows;
    const fallback = node.get('default') as ModdleElement | undefined;
    // a flow without a condition (a merging gateway's way on) is always taken
    const condition = (f: ModdleElement) => (f.get('conditionExpression') as ModdleElement | undefined)?.get('body') as string | undefined;
    const chosen = flows.find((f) => f !== fallback && (condition(f) === undefined || judge(condition(f)!, variables) === true));
    return chosen ? [chosen] : fallback ? [fallback] : [];
  };
  const leave = (node: ModdleElement): ModdleElement[] => {
    if (node.$instanceOf('bpmn:EndEvent')) {
      const parent = node.$parent;
      return parent && parent.$instanceOf('bpmn:SubProcess') ? outgoing(parent) : [];
    }
    return outgoing(node);
  };

  const queue: ModdleElement[] = [];
  for (const id of from) {
    const node = byId.get(id);
    if (!node) continue;
    seen.add(id);
    if (node.$instanceOf('bpmn:UserTask')) variables = assumeCompleted(node, variables);
    queue.push(...leave(node).map((f) => f.get('targetRef') as ModdleElement));
  }
  while (queue.length) {
    let node = queue.shift()!;
    if (!node.id || seen.has(node.id)) continue;
    seen.add(node.id);
    if (node.$instanceOf('bpmn:SubProcess')) {
      const start = ((node.get('flowElements') as ModdleElement[] | undefined) ?? []).find((e) => e.$instanceOf('bpmn:StartEvent'));
      if (start) { queue.unshift(start); continue; }
    }
    if (node.$instanceOf('bpmn:UserTask') || node.$instanceOf('bpmn:ServiceTask')) {
      const headers = headersOf(node);
      const due = String(extension(node, 'zeebe:TaskSchedule')?.get('dueDate') ?? '');
      ahead.push({
        elementId: node.id, name: node.name ?? node.id, kind: node.$instanceOf('bpmn:UserTask') ? 'userTask' : 'serviceTask', step: headers.step,
        holders: node.$instanceOf('bpmn:UserTask') ? holdersOf(node, variables) : [],
        dueVariable: /^=[A-Za-z_]\w*$/.test(due) ? due.slice(1) : undefined,
        limitDays: Number.isInteger(Number(headers.limitDays)) && headers.limitDays ? Number(headers.limitDays) : undefined,
      });
      if (node.$instanceOf('bpmn:UserTask')) variables = assumeCompleted(node, variables);
    }
    for (const flow of leave(node)) {
      node = flow.get('targetRef') as ModdleElement;
      queue.push(node);
    }
  }
  return ahead;
}

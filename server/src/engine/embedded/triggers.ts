/**
 * What makes a waiting element move: message subscriptions, timers, BPMN errors, child process
 * instances and user tasks. https://docs.camunda.io/docs/components/modeler/bpmn/events/
 */
import type { Variables } from '../port.ts';
import { ExpressionError, evalExpression, evalString } from './feel.ts';
import { FlowStep } from './flow.ts';
import type { Node } from './model.ts';
import type { Token } from './state.ts';
import { addDuration, parseCycle, parseDate } from './time.ts';

export abstract class TriggerStep extends FlowStep {
  /** Opens the message subscriptions and timers an element waits on (own, boundaries, or after an event-based gateway). */
  protected openEventSubscriptions(token: Token, node: Node): boolean {
    const catches = node.type === 'eventBasedGateway' ? node.outgoing.map((f) => this.process.flows[f].target)
      : node.type === 'intermediateCatchEvent' || node.type === 'receiveTask' ? [node.id] : node.boundaries;
    return this.guard(token, 'EXTRACT_VALUE_ERROR', 'inputs', () => {
      for (const id of catches) this.openCatch(token.key, this.node(id), token.key);
    });
  }

  /** Event sub-processes of a scope listen for their message and timer starts while the scope is active. */
  protected openScopeEventSubProcesses(scopeKey: string, containerId: string | null): boolean {
    const esps = containerId ? this.node(containerId).eventSubProcesses : this.process.eventSubProcesses;
    const run = () => { for (const esp of esps) this.openCatch(scopeKey, this.node(this.node(esp).eventStart!), scopeKey); };
    if (scopeKey === this.root) {
      run();
      return true;
    }
    return this.guard(this.token(scopeKey)!, 'EXTRACT_VALUE_ERROR', 'inputs', run);
  }

  protected openCatch(owner: string, catchNode: Node, contextKey: string): void {
    const ctx = this.context(contextKey);
    if (catchNode.eventKind === 'message' || catchNode.type === 'receiveTask') {
      // The correlation key is evaluated when the subscription opens.
      // https://docs.camunda.io/docs/components/concepts/messages/#message-correlation
      const name = evalString(catchNode.message!.name, ctx, 'message name');
      const correlationKey = evalString(catchNode.message!.correlationKey ?? '', ctx, 'correlation key');
      const key = this.env.nextKey();
      this.doc.subs.push({ key, owner, nodeId: catchNode.id, name, correlationKey });
      this.doc.outbox.push({ id: this.env.nextKey(), kind: 'correlate', subKey: key, name, correlationKey });
    } else if (catchNode.eventKind === 'timer') {
      this.doc.timers.push({ key: this.env.nextKey(), owner, nodeId: catchNode.id, ...timerDue(catchNode, ctx, this.env.now) });
    }
  }

  /** A subscription or timer fired: move the element that waited on it. */
  protected trigger(nodeId: string, owner: string, vars: Variables): void {
    const node = this.node(nodeId);
    if (node.type === 'boundaryEvent') {
      const host = this.token(owner)!;
      // https://docs.camunda.io/docs/components/modeler/bpmn/events/#boundary-events
      if (node.interrupting) this.terminate(host);
      return this.catchAndComplete(node, host.scope, vars);
    }
    if (node.type === 'startEvent') return this.startEventSubProcess(node, owner, vars);
    const waiting = this.token(owner)!;
    if (waiting.nodeId === node.id) return this.complete(waiting, vars);
    // Event-based gateway: the first event wins, the others are closed.
    // https://docs.camunda.io/docs/components/modeler/bpmn/event-based-gateways/
    this.removeToken(waiting);
    this.log(waiting, 'completed');
    this.catchAndComplete(node, waiting.scope, vars);
  }

  protected catchAndComplete(node: Node, scope: string, vars: Variables, locals?: Variables): void {
    const token = this.newToken(node.id, scope);
    if (locals) this.setLocal(token.key, locals);
    this.log(token, 'activated');
    this.run(() => this.complete(token, vars));
  }

  /** https://docs.camunda.io/docs/components/modeler/bpmn/event-subprocesses/ */
  protected startEventSubProcess(start: Node, scopeKey: string, vars: Variables, locals?: Variables): void {
    const owner = scopeKey === this.root ? undefined : this.token(scopeKey);
    if (owner?.interrupted || (scopeKey === this.root && this.doc.state !== 'active')) return;
    if (start.interrupting) {
      if (owner) owner.interrupted = true;
      for (const t of this.children(scopeKey)) this.terminate(t);
      this.doc.subs = this.doc.subs.filter((s) => s.owner !== scopeKey);
      this.doc.timers = this.doc.timers.filter((s) => s.owner !== scopeKey);
      for (const k of Object.keys(this.doc.joins)) if (k.startsWith(`${scopeKey}/`)) delete this.doc.joins[k];
    }
    const esp = this.activate(start.parent!, scopeKey);
    this.run(() => {
      if (this.token(esp.key)) this.catchAndComplete(start, esp.key, vars, locals);
    });
  }

  /**
   * A BPMN error goes outwards through the scopes to the nearest catching boundary event or error
   * event sub-process (a specific error code before a catch-all); none → incident UNHANDLED_ERROR_EVENT,
   * or, in a called process, the error goes on to the call activity.
   * https://docs.camunda.io/docs/components/modeler/bpmn/error-events/
   */
  protected throwError(from: Token, errorCode: string, errorMessage: string, vars: Variables, jobKey?: string): void {
    // Zeebe 8.5 keeps the error's variables local to the catch event: only its output mappings carry them
    // on. (errorCode and errorMessage become variables only in 8.6+.)
    const locals = { ...vars };
    const fromNode = this.node(from.nodeId);
    if (fromNode.type !== 'endEvent' && from.mi !== 'inner') {
      const b = this.matchBoundary(fromNode, errorCode);
      if (b) return this.catchAtBoundary(from, b, {}, locals);
    }
    let scopeKey = from.scope;
    for (;;) {
      const owner = scopeKey === this.root ? undefined : this.token(scopeKey)!;
      if (owner?.mi !== 'body') {
        const start = this.matchEventSub(owner ? owner.nodeId : null, errorCode);
        if (start) return this.startEventSubProcess(start, scopeKey, {}, locals);
      }
      if (!owner) break;
      if (owner.mi !== 'inner') {
        const b = this.matchBoundary(this.node(owner.nodeId), errorCode);
        if (b) return this.catchAtBoundary(owner, b, {}, locals);
      }
      scopeKey = owner.scope;
    }
    if (this.doc.parent) {
      from.state = 'waiting';
      this.doc.outbox.push({ id: this.env.nextKey(), kind: 'childError', parentKey: this.doc.parent.instanceKey, elementInstanceKey: this.doc.parent.elementInstanceKey, errorCode, errorMessage, variables: vars });
      return;
    }
    this.incident(from, 'UNHANDLED_ERROR_EVENT', `Expected to throw an error event with the code '${errorCode}'${errorMessage ? ` with message '${errorMessage}'` : ''}, but it was not caught.`, 'behave', jobKey);
  }

  private matchBoundary(host: Node, code: string): Node | undefined {
    const errors = host.boundaries.map((b) => this.node(b)).filter((b) => b.eventKind === 'error');
    return errors.find((b) => b.errorCode === code) ?? errors.find((b) => !b.errorCode);
  }

  private matchEventSub(containerId: string | null, code: string): Node | undefined {
    const esps = containerId ? this.node(containerId).eventSubProcesses : this.process.eventSubProcesses;
    const starts = esps.map((e) => this.node(this.node(e).eventStart!)).filter((s) => s.eventKind === 'error');
    return starts.find((s) => s.errorCode === code) ?? starts.find((s) => !s.errorCode);
  }

  private catchAtBoundary(host: Token, boundary: Node, vars: Variables, locals: Variables): void {
    const scope = host.scope;
    this.terminate(host);
    this.catchAndComplete(boundary, scope, vars, locals);
  }

  /** https://docs.camunda.io/docs/components/modeler/bpmn/call-activities/ */
  protected startChild(token: Token): void {
    const called = this.node(token.nodeId).called!;
    this.guard(token, 'EXTRACT_VALUE_ERROR', 'behave', () => {
      const processId = evalString(called.processId, this.context(token.key), 'called process id');
      const variables = called.propagateAllParentVariables ? this.context(token.key) : { ...this.doc.vars[token.key] };
      token.child = this.env.nextKey();
      this.doc.outbox.push({ id: this.env.nextKey(), kind: 'startChild', childKey: token.child, processId, bindingType: called.bindingType, versionTag: called.versionTag, elementInstanceKey: token.key, variables });
    });
  }

  protected cancelChild(token: Token): void {
    this.doc.outbox.push({ id: this.env.nextKey(), kind: 'cancelChild', childKey: token.child! });
  }

  /** https://docs.camunda.io/docs/components/modeler/bpmn/user-tasks/ */
  protected createTask(token: Token): void {
    const node = this.node(token.nodeId);
    this.guard(token, 'EXTRACT_VALUE_ERROR', 'behave', () => {
      const lists = this.candidateLists(token);
      const task = {
        key: this.env.nextKey(), elementId: node.id, elementInstanceKey: token.key, name: node.name, ...lists,
        formKey: node.userTask?.formKey, customHeaders: node.job?.headers ?? node.userTask?.headers ?? {}, createdAt: new Date(this.env.now).toISOString(),
      };
      for (const k of ['assignee', 'dueDate', 'followUpDate', 'formKey', 'name'] as const) if (task[k] === undefined) delete task[k];
      this.doc.tasks.push(task);
      this.doc.outbox.push({ id: this.env.nextKey(), kind: 'task', type: 'created', task, variables: this.context(token.key) });
    });
  }

  protected closeTask(token: Token, completed?: Variables): void {
    const task = this.doc.tasks.find((t) => t.elementInstanceKey === token.key);
    if (!task) return;
    this.doc.tasks = this.doc.tasks.filter((t) => t !== task);
    this.doc.outbox.push({ id: this.env.nextKey(), kind: 'task', type: completed ? 'completed' : 'canceled', task, variables: completed ?? {} });
  }

  protected endInstance(state: 'completed' | 'terminated'): void {
    if (this.doc.state !== 'active') return;
    this.doc.state = state;
    this.doc.endedAt = new Date(this.env.now);
    this.doc.subs = [];
    this.doc.timers = [];
    this.doc.jobs = [];
    for (const k of Object.keys(this.doc.vars)) if (k !== this.root) delete this.doc.vars[k];
    this.log(null, state);
    if (this.doc.parent && state === 'completed') {
      this.doc.outbox.push({ id: this.env.nextKey(), kind: 'childDone', parentKey: this.doc.parent.instanceKey, elementInstanceKey: this.doc.parent.elementInstanceKey, variables: this.doc.vars[this.root] ?? {} });
    }
  }
}

/** Due time of a timer: duration from now, a date, or the first repetition of a cycle. */
export function timerDue(node: Node, ctx: Variables, now: number): { due: number; repetitions?: number; interval?: string } {
  const spec = node.timer!;
  const value = evalExpression(spec.expression, ctx);
  if (typeof value !== 'string') throw new ExpressionError(`Expected the timer expression '${spec.expression}' to be a string, duration or date`, spec.expression);
  if (spec.kind === 'duration') return { due: addDuration(now, value) };
  if (spec.kind === 'date') return { due: parseDate(value) };
  const cycle = parseCycle(value);
  return { due: cycle.start ?? addDuration(now, cycle.interval), repetitions: cycle.repetitions, interval: cycle.interval };
}

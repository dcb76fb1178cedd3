/**
 * Tokens moving through the graph: activation, completion, sequence flows, gateways, scopes,
 * multi-instance and termination. https://docs.camunda.io/docs/components/modeler/bpmn/
 */
import type { Variables } from '../port.ts';
import { ExpressionError, evalBoolean, evalExpression, evalList, evalString, typeName } from './feel.ts';
import type { Node } from './model.ts';
import { NEVER, type Token } from './state.ts';
import { StepCore } from './step.ts';

const DEFAULT_RETRIES = 3;

export abstract class FlowStep extends StepCore {
  protected abstract openEventSubscriptions(token: Token, node: Node): boolean;
  protected abstract openScopeEventSubProcesses(scopeKey: string, containerId: string | null): boolean;
  protected abstract throwError(from: Token, errorCode: string, errorMessage: string, variables: Variables, jobKey?: string): void;
  protected abstract startChild(token: Token): void;
  protected abstract cancelChild(token: Token): void;
  protected abstract createTask(token: Token): void;
  protected abstract closeTask(token: Token): void;

  /** Activates a node in a flow scope; a node with multi-instance gets its body first. */
  activate(nodeId: string, scope: string, locals?: Variables): Token {
    const node = this.node(nodeId);
    const token = this.newToken(nodeId, scope, node.loop ? { mi: 'body' } : {});
    if (locals) this.setLocal(token.key, locals);
    this.run(() => this.enter(token));
    return token;
  }

  protected enter(token: Token): void {
    if (!this.guard(token, 'IO_MAPPING_ERROR', 'inputs', () => this.applyInputs(token))) return;
    const node = this.node(token.nodeId);
    this.log(token, 'activated');
    if (node.boundaries.length && token.mi !== 'inner' && !this.openEventSubscriptions(token, node)) return;
    this.behave(token);
  }

  protected behave(token: Token): void {
    token.state = 'active';
    const node = this.node(token.nodeId);
    if (token.mi === 'body') return this.startBody(token, node);
    switch (node.type) {
      case 'serviceTask': case 'businessRuleTask': case 'sendTask': return this.createJob(token, node);
      case 'userTask': token.state = 'waiting'; return this.createTask(token);
      case 'receiveTask': case 'intermediateCatchEvent': token.state = 'waiting'; this.openEventSubscriptions(token, node); return;
      case 'eventBasedGateway': token.state = 'waiting'; this.openEventSubscriptions(token, node); return;
      case 'subProcess': return this.enterSubProcess(token, node);
      case 'callActivity': token.state = 'waiting'; return this.startChild(token);
      case 'exclusiveGateway': case 'inclusiveGateway': return this.leaveGateway(token, node);
      case 'parallelGateway': return this.complete(token, undefined, node.outgoing);
      case 'endEvent': case 'intermediateThrowEvent': return this.throwEvent(token, node);
      default: return this.complete(token);
    }
  }

  private throwEvent(token: Token, node: Node): void {
    if (node.job) return this.createJob(token, node);
    if (node.eventKind === 'error') {
      this.throwError(token, node.errorCode!, '', {});
      return;
    }
    if (node.eventKind === 'terminate') {
      // https://docs.camunda.io/docs/components/modeler/bpmn/terminate-events/ — ends every element of its flow scope.
      for (const t of this.children(token.scope)) if (t !== token) this.terminate(t);
      this.doc.joins = Object.fromEntries(Object.entries(this.doc.joins).filter(([k]) => !k.startsWith(`${token.scope}/`)));
    }
    this.complete(token);
  }

  private enterSubProcess(token: Token, node: Node): void {
    if (!this.openScopeEventSubProcesses(token.key, node.id)) return;
    if (node.triggeredByEvent) return; // the triggering start event is activated by the trigger
    this.activate(node.noneStart!, token.key);
  }

  /** https://docs.camunda.io/docs/components/modeler/bpmn/service-tasks/ — a job per activation. */
  private createJob(token: Token, node: Node): void {
    token.state = 'waiting';
    this.guard(token, 'EXTRACT_VALUE_ERROR', 'behave', () => {
      const ctx = this.context(token.key);
      const type = evalString(node.job!.type, ctx, 'job type');
      const r = Number(evalExpression(node.job!.retries, ctx) ?? DEFAULT_RETRIES);
      if (!Number.isInteger(r)) throw new ExpressionError(`Expected retries '${node.job!.retries}' to be a number`, node.job!.retries);
      const job = { key: this.env.nextKey(), type, elementInstanceKey: token.key, nodeId: node.id, retries: r, due: this.env.now, headers: node.job!.headers };
      this.doc.jobs.push(job);
      this.newJobs.push(job);
    });
  }

  /**
   * Completes an element: result variables (job, message, child) are set locally and output
   * mappings applied, or, without output mappings, propagated from the element.
   */
  complete(token: Token, result?: Variables, flows?: string[]): void {
    const node = this.node(token.nodeId);
    token.state = 'active';
    if (result && Object.keys(result).length) {
      if (node.outputs.length && token.mi !== 'body') this.setLocal(token.key, result);
      else this.propagate(token.key, result);
    }
    if (!this.guard(token, 'IO_MAPPING_ERROR', 'complete', () => this.applyOutputs(token))) return;
    if (token.mi === 'inner') return this.completeInner(token);
    this.removeToken(token);
    this.log(token, 'completed');
    if (token.mi === 'body' && node.loop?.outputCollection) {
      const outputs = (this.doc.vars[`${token.key}#out`]?.items as unknown[]) ?? [];
      this.propagate(token.scope, { [node.loop.outputCollection]: outputs });
    }
    delete this.doc.vars[`${token.key}#out`];
    for (const flowId of flows ?? node.outgoing) this.take(flowId, token.scope);
    this.afterLeave(token.scope);
  }

  /** Takes a sequence flow; a joining gateway records the arrival and waits for its siblings. */
  protected take(flowId: string, scope: string): void {
    const flow = this.process.flows[flowId];
    const target = this.node(flow.target);
    const joining = (target.type === 'parallelGateway' || target.type === 'inclusiveGateway') && target.incoming.length > 1;
    if (!joining) {
      this.run(() => this.activate(target.id, scope));
      return;
    }
    (this.doc.joins[`${scope}/${target.id}`] ??= []).push(flowId);
    this.run(() => this.tryJoin(scope, target));
  }

  /**
   * Parallel join: one token per incoming flow. Inclusive join: every incoming flow that can still
   * be reached has been taken. https://docs.camunda.io/docs/components/modeler/bpmn/inclusive-gateways/
   */
  protected tryJoin(scope: string, gw: Node): void {
    const id = `${scope}/${gw.id}`;
    const arrived = this.doc.joins[id];
    if (!arrived?.length) return;
    if (gw.type === 'parallelGateway') {
      if (!gw.incoming.every((f) => arrived.includes(f))) return;
      for (const f of gw.incoming) arrived.splice(arrived.indexOf(f), 1);
    } else {
      const upstream = new Set(this.process.reachableFrom[gw.id]);
      const busy = this.children(scope).some((t) => upstream.has(t.nodeId))
        || Object.entries(this.doc.joins).some(([k, v]) => k !== id && k.startsWith(`${scope}/`) && v.length && upstream.has(k.slice(scope.length + 1)));
      if (busy) return;
      arrived.length = 0;
    }
    if (!arrived.length) delete this.doc.joins[id];
    this.activate(gw.id, scope);
  }

  /** Exclusive: first true condition, else default, else incident. Inclusive: every true one. */
  private leaveGateway(token: Token, node: Node): void {
    const ctx = this.context(token.key);
    const taken: string[] = [];
    const ok = this.guard(token, 'CONDITION_ERROR', 'behave', () => {
      for (const f of node.outgoing) {
        const cond = this.process.flows[f].condition;
        if (f === node.defaultFlow || (!cond && node.outgoing.length > 1)) continue;
        // Zeebe 8.5: a condition must yield a boolean; null (a missing variable) is an incident, not false.
        if (!cond || evalBoolean(cond, ctx)) {
          taken.push(f);
          if (node.type === 'exclusiveGateway') break;
        }
      }
      if (!taken.length && node.defaultFlow) taken.push(node.defaultFlow);
      if (!taken.length && node.outgoing.length) {
        throw new ExpressionError(`Expected at least one condition to evaluate to true, or to have a default flow (${node.id})`, node.id);
      }
    });
    if (ok) this.complete(token, undefined, taken);
  }

  /** After a token left a scope: complete the scope when nothing is left in it. */
  protected afterLeave(scope: string): void {
    const inScope = this.children(scope);
    for (const k of Object.keys(this.doc.joins)) {
      if (!k.startsWith(`${scope}/`)) continue;
      const gw = this.node(k.slice(scope.length + 1));
      if (gw.type === 'inclusiveGateway') this.run(() => this.tryJoin(scope, gw));
    }
    if (inScope.length || Object.keys(this.doc.joins).some((k) => k.startsWith(`${scope}/`) && this.doc.joins[k].length)) return;
    this.run(() => {
      if (this.children(scope).length) return;
      if (scope === this.root) return this.endInstance('completed');
      const owner = this.token(scope);
      if (owner && owner.mi !== 'body' && owner.state === 'active' && this.node(owner.nodeId).type === 'subProcess') this.complete(owner);
    });
  }

  protected abstract endInstance(state: 'completed' | 'terminated'): void;

  // ---- multi-instance (https://docs.camunda.io/docs/components/modeler/bpmn/multi-instance/) ----

  private startBody(body: Token, node: Node): void {
    const loop = node.loop!;
    let items: unknown[] = [];
    const ok = this.guard(body, 'EXTRACT_VALUE_ERROR', 'behave', () => {
      const v = evalExpression(loop.inputCollection, this.context(body.key));
      if (!Array.isArray(v)) throw new ExpressionError(`Expected result of the expression '${loop.inputCollection}' to be 'ARRAY', but was '${typeName(v)}'.`, loop.inputCollection);
      items = v;
    });
    if (!ok) return;
    body.body = { items, next: 0, active: 0, completed: 0, terminated: 0 };
    if (loop.outputCollection) this.doc.vars[`${body.key}#out`] = { items: items.map(() => null) };
    if (!items.length) return this.complete(body);
    const n = loop.sequential ? 1 : items.length;
    for (let i = 0; i < n; i++) this.nextInner(body, node);
  }

  private nextInner(body: Token, node: Node): void {
    const b = body.body!;
    const index = b.next++;
    b.active++;
    const locals: Variables = { loopCounter: index + 1 };
    if (node.loop!.inputElement) locals[node.loop!.inputElement] = b.items[index];
    if (node.loop!.outputElement) locals[node.loop!.outputElement.startsWith('=') ? '' : node.loop!.outputElement] = null;
    delete locals[''];
    const inner = this.newToken(node.id, body.key, { mi: 'inner', loopCounter: index + 1 });
    this.setLocal(inner.key, locals);
    this.run(() => this.enter(inner));
  }

  private completeInner(inner: Token): void {
    const body = this.token(inner.scope)!;
    const node = this.node(inner.nodeId);
    const loop = node.loop!;
    const ok = this.guard(inner, 'EXTRACT_VALUE_ERROR', 'complete', () => {
      if (loop.outputCollection && loop.outputElement) {
        const out = this.doc.vars[`${body.key}#out`].items as unknown[];
        out[inner.loopCounter! - 1] = evalExpression(loop.outputElement, this.context(inner.key));
      }
    });
    if (!ok) return;
    this.removeToken(inner);
    this.log(inner, 'completed');
    const b = body.body!;
    b.active--;
    b.completed++;
    let done = b.completed + b.terminated === b.items.length;
    if (!done && loop.completionCondition) {
      const ctx = { ...this.context(body.key), numberOfInstances: b.items.length, numberOfActiveInstances: b.active, numberOfCompletedInstances: b.completed, numberOfTerminatedInstances: b.terminated };
      if (!this.guard(body, 'EXTRACT_VALUE_ERROR', 'complete', () => { done = evalBoolean(loop.completionCondition!, ctx); })) return;
      if (done) {
        for (const t of this.children(body.key)) {
          this.terminate(t);
          b.terminated++;
        }
      }
    }
    if (done) return this.complete(body);
    if (loop.sequential && b.next < b.items.length) this.nextInner(body, node);
  }

  // ---- termination ----

  /** Terminates an element and everything inside it, closing its jobs, tasks, subscriptions and child instances. */
  terminate(token: Token): void {
    for (const child of this.children(token.key)) this.terminate(child);
    this.doc.jobs = this.doc.jobs.filter((j) => j.elementInstanceKey !== token.key);
    if (this.node(token.nodeId).type === 'userTask') this.closeTask(token);
    if (token.child) this.cancelChild(token);
    delete this.doc.vars[`${token.key}#out`];
    this.removeToken(token);
    this.log(token, 'terminated');
  }

  protected failJobState(key: string, retries: number, backoffMs: number, message: string): void {
    const job = this.doc.jobs.find((j) => j.key === key);
    if (!job) return;
    job.retries = retries;
    job.errorMessage = message;
    job.worker = undefined;
    if (retries > 0) {
      job.due = this.env.now + backoffMs;
      this.newJobs.push(job);
      return;
    }
    job.due = NEVER;
    this.incident(this.token(job.elementInstanceKey)!, 'JOB_NO_RETRIES', message || 'No more retries left.', undefined, job.key);
  }

  protected candidateLists(token: Token) {
    const spec = this.node(token.nodeId).userTask ?? {};
    const ctx = this.context(token.key);
    return {
      assignee: spec.assignee ? evalString(spec.assignee, ctx, 'assignee') : undefined,
      candidateGroups: evalList(spec.candidateGroups, ctx),
      candidateUsers: evalList(spec.candidateUsers, ctx),
      dueDate: spec.dueDate ? evalString(spec.dueDate, ctx, 'due date') : undefined,
      followUpDate: spec.followUpDate ? evalString(spec.followUpDate, ctx, 'follow-up date') : undefined,
    };
  }
}

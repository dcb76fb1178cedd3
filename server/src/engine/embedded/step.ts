/**
 * One synchronous advance of a process instance document: the executor's core. A Step is created
 * for one event, mutates the loaded document until every token waits, and collects the event-log
 * lines and new jobs; the caller saves the document with a version guard. Semantics follow the
 * Zeebe docs cited beside each rule.
 */
import type { Variables } from '../port.ts';
import type { CompiledProcess, Node } from './model.ts';
import { ExpressionError, evalExpression, setPath } from './feel.ts';
import type { Incident } from '../port.ts';
import type { InstanceDoc, JobState, PendingEvent, Token } from './state.ts';

export interface StepEnv {
  now: number;
  nextKey(): string;
}

export abstract class StepCore {
  readonly events: PendingEvent[] = [];
  readonly newJobs: JobState[] = [];
  protected readonly byKey = new Map<string, Token>();
  private queue: (() => void)[] = [];
  private running = false;

  /** The process the instance runs on; a migration (migrate.ts) switches it to the target version. */
  constructor(readonly doc: InstanceDoc, public process: CompiledProcess, readonly env: StepEnv) {
    for (const t of doc.tokens) this.byKey.set(t.key, t);
  }

  get root(): string { return this.doc._id; }
  node(id: string): Node { return this.process.nodes[id]; }
  token(key: string): Token | undefined { return this.byKey.get(key); }
  children(scopeKey: string): Token[] { return this.doc.tokens.filter((t) => t.scope === scopeKey); }

  /** Runs queued work until nothing is left: every token is then waiting (or the instance ended). */
  protected run(work: () => void): void {
    this.queue.push(work);
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) this.queue.shift()!();
    } finally {
      this.running = false;
    }
  }

  // ---- variables (https://docs.camunda.io/docs/components/concepts/variables/) ----

  /** Scope keys from an element instance up to the process instance. */
  chain(key: string): string[] {
    const out: string[] = [];
    let k: string | undefined = key;
    while (k && k !== this.root) {
      out.push(k);
      k = this.byKey.get(k)?.scope;
    }
    out.push(this.root);
    return out;
  }

  context(key: string): Variables {
    const ctx: Variables = {};
    for (const k of this.chain(key).reverse()) Object.assign(ctx, this.doc.vars[k]);
    return ctx;
  }

  setLocal(key: string, vars: Variables): void {
    const scope = (this.doc.vars[key] ??= {});
    for (const [name, value] of Object.entries(vars)) scope[name] = value;
    if (key === this.root && typeof vars.caseId === 'string') this.doc.caseId = vars.caseId;
  }

  /**
   * Variable propagation: each variable goes up from `fromKey` to the nearest scope that already
   * has it, else to the process instance scope.
   * https://docs.camunda.io/docs/components/concepts/variables/#variable-propagation
   */
  propagate(fromKey: string, vars: Variables): void {
    const chain = this.chain(fromKey);
    for (const [name, value] of Object.entries(vars)) {
      const target = chain.find((k) => this.doc.vars[k] && name in this.doc.vars[k]) ?? this.root;
      this.setLocal(target, { [name]: value });
    }
  }

  /** Output mappings: evaluated in the element's scope, results propagated from its flow scope. */
  protected applyOutputs(token: Token): void {
    const node = this.node(token.nodeId);
    const outputs = token.mi === 'body' ? [] : node.outputs;
    if (!outputs.length) return;
    const ctx = this.context(token.key);
    const result: Variables = {};
    for (const m of outputs) {
      const base = m.target.includes('.') ? { [m.target.split('.')[0]]: ctx[m.target.split('.')[0]] } : {};
      Object.assign(result, base);
      setPath(result, m.target, evalExpression(m.source, ctx));
    }
    this.propagate(token.scope, result);
  }

  /** Input mappings create local variables of the element instance, in order. */
  protected applyInputs(token: Token): void {
    const node = this.node(token.nodeId);
    if (token.mi === 'body' || !node.inputs.length) return;
    const ctx = this.context(token.scope);
    Object.assign(ctx, this.doc.vars[token.key]);
    const local: Variables = {};
    for (const m of node.inputs) {
      const top = m.target.split('.')[0];
      if (m.target.includes('.') && !(top in local)) local[top] = ctx[top];
      setPath(local, m.target, evalExpression(m.source, { ...ctx, ...local }));
    }
    this.setLocal(token.key, local);
  }

  // ---- tokens and the event log ----

  protected newToken(nodeId: string, scope: string, extra: Partial<Token> = {}): Token {
    const token: Token = { key: this.env.nextKey(), nodeId, scope, state: 'active', ...extra };
    this.doc.tokens.push(token);
    this.byKey.set(token.key, token);
    return token;
  }

  protected removeToken(token: Token): void {
    this.doc.tokens = this.doc.tokens.filter((t) => t !== token);
    this.byKey.delete(token.key);
    delete this.doc.vars[token.key];
    this.doc.subs = this.doc.subs.filter((s) => s.owner !== token.key);
    this.doc.timers = this.doc.timers.filter((s) => s.owner !== token.key);
    this.doc.incidents = this.doc.incidents.filter((i) => i.elementInstanceKey !== token.key);
    for (const k of Object.keys(this.doc.joins)) if (k.startsWith(`${token.key}/`)) delete this.doc.joins[k];
  }

  log(token: Pick<Token, 'key' | 'nodeId' | 'mi'> | null, intent: PendingEvent['intent'], elementId?: string): void {
    const node = token ? this.node(token.nodeId) : undefined;
    this.events.push({
      processInstanceKey: this.root, processId: this.doc.processId, processVersion: this.doc.version,
      elementId: elementId ?? node?.id ?? this.doc.processId,
      elementType: token?.mi === 'body' ? 'multiInstanceBody' : node?.type ?? 'process',
      elementInstanceKey: token?.key ?? this.root, intent, at: new Date(this.env.now), caseId: this.doc.caseId,
    });
  }

  /** Raises an incident on an element; resolving it retries `pending`. */
  incident(token: Token, errorType: Incident['errorType'], errorMessage: string, pending: Token['pending'], jobKey?: string): void {
    token.state = 'incident';
    token.pending = pending;
    this.doc.incidents.push({
      key: this.env.nextKey(), elementId: token.nodeId, elementInstanceKey: token.key, errorType, errorMessage,
      jobKey, createdAt: new Date(this.env.now).toISOString(),
    });
    this.log(token, 'incident');
  }

  /** Runs `fn`; an expression failure becomes an incident instead of an exception. */
  protected guard(token: Token, type: Incident['errorType'], pending: Token['pending'], fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.incident(token, error.errorType ?? type, error.message, pending);
      return false;
    }
  }
}

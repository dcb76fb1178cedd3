/**
 * Process-instance migration on the instance document (engine.migrateInstance): one step, so the
 * move is atomic per instance — the document is saved with the version guard like every event, or
 * not at all. The check (../migration.ts) runs first on the compiled graphs of both versions; only
 * when it finds nothing does the step switch the document to the target definition, rename every
 * element instance, job, task, incident and pending join, and re-create the timers and message
 * subscriptions from the target's definition (timers count from the migration). Variables stay.
 */
import { checkMigration, type ActiveElement, type MigrationElements, type MigrationMapping, type MigrationProblem } from '../migration.ts';
import type { CompiledProcess } from './model.ts';
import type { InstanceDoc } from './state.ts';
import { TriggerStep } from './triggers.ts';

/** The compiled graph as the migration check reads it. */
export function elementsOf(process: CompiledProcess): MigrationElements {
  const out: MigrationElements = {};
  const inEsp = (id: string | null): boolean => id !== null && (!!process.nodes[id].triggeredByEvent || inEsp(process.nodes[id].parent));
  for (const n of Object.values(process.nodes)) {
    out[n.id] = { id: n.id, type: n.type, ...(n.name ? { name: n.name } : {}), parent: n.parent, multiInstance: !!n.loop, inEventSubProcess: inEsp(n.id) };
  }
  return out;
}

/** Every element instance of the document (tokens, multi-instance bodies and their inner instances, pending joins). */
export function activeElements(doc: InstanceDoc): ActiveElement[] {
  const joins = Object.entries(doc.joins).filter(([, flows]) => flows.length).map(([k]) => ({ elementId: k.slice(k.indexOf('/') + 1), elementInstanceKey: k }));
  return [...doc.tokens.map((t) => ({ elementId: t.nodeId, elementInstanceKey: t.key })), ...joins];
}

export abstract class MigrationStep extends TriggerStep {
  /**
   * Moves the instance to `target` when the check finds nothing; returns the problems otherwise (and
   * changes nothing).
   */
  migrate(target: CompiledProcess, def: { key: string; processId: string; version: number }, mappings: MigrationMapping[]): MigrationProblem[] {
    const problems = checkMigration({ source: elementsOf(this.process), target: elementsOf(target), active: activeElements(this.doc), mappings });
    const to = new Map(mappings.map((m) => [m.sourceElementId, m.targetElementId]));
    for (const [k, flows] of Object.entries(this.doc.joins)) {
      const gw = target.nodes[to.get(k.slice(k.indexOf('/') + 1)) ?? ''];
      const lost = gw ? flows.filter((f) => !gw.incoming.includes(f)) : [];
      if (lost.length) problems.push({ elementId: k.slice(k.indexOf('/') + 1), code: 'FLOW_SCOPE_CHANGED', en: `the join waits for flows ${lost.join(', ')} that ${gw.id} lacks`, zh: `汇聚网关已到达的顺序流 ${lost.join('、')} 在 ${gw.id} 中不存在` });
    }
    if (problems.length) return problems;
    const from = { processId: this.doc.processId, processVersion: this.doc.version };
    this.process = target;
    Object.assign(this.doc, { definitionKey: def.key, processId: def.processId, version: def.version });
    const rename = (id: string) => to.get(id) ?? id;
    for (const t of this.doc.tokens) t.nodeId = rename(t.nodeId);
    for (const j of this.doc.jobs) j.nodeId = rename(j.nodeId);
    for (const i of this.doc.incidents) i.elementId = rename(i.elementId);
    this.doc.joins = Object.fromEntries(Object.entries(this.doc.joins).map(([k, v]) => {
      const cut = k.indexOf('/');
      return [`${k.slice(0, cut)}/${rename(k.slice(cut + 1))}`, v];
    }));
    for (const task of this.doc.tasks) {
      const before = { ...from, elementId: task.elementId, ...(task.name ? { name: task.name } : {}) };
      task.elementId = rename(task.elementId);
      const name = target.nodes[task.elementId].name;
      if (name) task.name = name;
      else delete task.name;
      this.doc.outbox.push({ id: this.env.nextKey(), kind: 'taskMigrated', task, variables: this.context(task.elementInstanceKey), from: before });
    }
    this.recreateWaits(mappings, rename);
    return [];
  }

  /**
   * Drops every subscription and timer and opens those the target defines where each token stands:
   * a catch the mapping carries over is opened again only if it was still armed (a non-interrupting
   * timer that already fired does not fire twice); a catch new in the target is opened.
   */
  private recreateWaits(mappings: MigrationMapping[], rename: (id: string) => string): void {
    const armed = new Set([...this.doc.subs, ...this.doc.timers].map((x) => `${x.owner}/${rename(x.nodeId)}`));
    const carried = new Set(mappings.map((m) => m.targetElementId));
    const open = (owner: string, catchId: string) => {
      if (carried.has(catchId) && !armed.has(`${owner}/${catchId}`)) return;
      const token = this.token(owner);
      const run = () => this.openCatch(owner, this.node(catchId), owner);
      if (token) this.guard(token, 'EXTRACT_VALUE_ERROR', 'inputs', run);
      else run();
    };
    this.doc.subs = [];
    this.doc.timers = [];
    for (const esp of this.process.eventSubProcesses) open(this.root, this.node(esp).eventStart!);
    for (const token of [...this.doc.tokens]) {
      const node = this.node(token.nodeId);
      if (token.state === 'incident') continue; // resolving the incident retries the step, which opens them
      if (token.mi !== 'inner') for (const id of node.boundaries) open(token.key, id);
      if (token.mi === 'body') continue;
      if (node.type === 'subProcess') for (const esp of node.eventSubProcesses) open(token.key, this.node(esp).eventStart!);
      if (token.state !== 'waiting') continue;
      const own = node.type === 'eventBasedGateway' ? node.outgoing.map((f) => this.process.flows[f].target)
        : node.type === 'intermediateCatchEvent' || node.type === 'receiveTask' ? [node.id] : [];
      for (const id of own) open(token.key, id);
    }
  }
}

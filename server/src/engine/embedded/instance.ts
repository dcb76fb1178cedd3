/**
 * Load → advance → save with a version guard, then deliver what the step produced (event log,
 * user-task notifications, child-instance messages, jobs). Nothing of an instance is kept in memory
 * between events; a lost race reloads and retries.
 */
import type { Variables } from '../port.ts';
import type { InstanceDoc, JobState } from './state.ts';
import { Step } from './events.ts';
import { KeysExhausted, type KeyAllocator } from './keys.ts';
import type { KeyedMutex } from './mutex.ts';
import { retryBusy } from './busy.ts';
import type { Collections, DefinitionCache, DefinitionDoc } from './store.ts';
import type { DueLookup } from './due.ts';
import { decode, encode } from './codec.ts';

export interface InstanceDeps {
  c: Collections;
  cache: DefinitionCache;
  keys: KeyAllocator;
  now(): number;
  /** Locks new jobs for local workers before the save; returns the jobs reserved. */
  reserveJobs(jobs: JobState[]): JobState[];
  releaseJobs(jobs: JobState[]): void;
  /** After a save: log, notify, dispatch. */
  afterSave(doc: InstanceDoc, step: Step, jobs: JobState[]): Promise<void>;
  /** Outbox items already delivered in this process (dropped from the document at the next step). */
  delivered: Set<string>;
  locks: KeyedMutex;
  /** Whether the database enforces the version guard atomically (MongoDB yes, FerretDB 1.24 no). */
  serverGuard: boolean;
  /** Where pollers and the scheduler find due work; told of every instance loaded. */
  due: DueLookup;
}

const MAX_ATTEMPTS = 100;

/** Applies one event to an instance: load, advance, guarded save (under the in-process lock), then deliver. */
export async function applyEvent(deps: InstanceDeps, key: string, event: (step: Step) => boolean | void): Promise<boolean> {
  const saved = await deps.locks.run(key, () => retryBusy(() => advanceAndSave(deps, key, event)));
  if (!saved) return false;
  await deps.afterSave(saved.doc, saved.step, saved.jobs);
  return true;
}

async function advanceAndSave(deps: InstanceDeps, key: string, event: (step: Step) => boolean | void): Promise<{ doc: InstanceDoc; step: Step; jobs: JobState[] } | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await deps.c.instances.findOne({ _id: key });
    if (!stored) return null;
    const doc = decode(stored);
    deps.due.saw(doc);
    const drop = doc.outbox.filter((o) => deps.delivered.has(o.id));
    if (drop.length) doc.outbox = doc.outbox.filter((o) => !deps.delivered.has(o.id));
    const process = await deps.cache.get(doc.definitionKey);
    await deps.keys.reserve();
    const step = new Step(doc, process, { now: deps.now(), nextKey: () => deps.keys.take() });
    let changed: boolean | void;
    try {
      changed = event(step);
    } catch (error) {
      if (error instanceof KeysExhausted) continue;
      throw error;
    }
    if (changed === false) return null;
    step.finish();
    const rev = doc.rev;
    doc.rev = rev + 1;
    const jobs = deps.reserveJobs(step.newJobs);
    if (!(await saveInstance(deps, doc, rev))) {
      deps.releaseJobs(jobs);
      continue;
    }
    for (const o of drop) deps.delivered.delete(o.id);
    return { doc, step, jobs: [...jobs, ...step.lockedJobs] };
  }
  throw new Error(`instance ${key}: too many concurrent updates`);
}

/**
 * Writes a loaded instance back (its `rev` already moved on from `rev`); false when another writer
 * got there first. On FerretDB a filter other than `_id` alone is not pushed down (the update scans
 * the collection) and the guard is not atomic there anyway: the in-process lock serialises the
 * instance, so the server-side guard is used on MongoDB only.
 */
export async function saveInstance(deps: Pick<InstanceDeps, 'c' | 'serverGuard'>, doc: InstanceDoc, rev: number): Promise<boolean> {
  const { _id, ...fields } = encode(doc);
  const res = await deps.c.instances.updateOne(deps.serverGuard ? { _id, rev } : { _id }, { $set: fields });
  return res.matchedCount > 0;
}

/** Creates an instance document and runs it to its first wait. Idempotent by key (a child created twice is created once). */
export async function createInstance(deps: InstanceDeps, def: DefinitionDoc, options: { key?: string; startNodeId?: string; variables?: Variables; parent?: InstanceDoc['parent']; startCorrelationKey?: string }): Promise<InstanceDoc | null> {
  const process = await deps.cache.get(def._id);
  for (;;) {
    await deps.keys.reserve();
    const key = options.key ?? deps.keys.take();
    const now = deps.now();
    const doc: InstanceDoc = {
      _id: key, rev: 0, processId: def.processId, version: def.version, definitionKey: def._id, state: 'active',
      tokens: [], vars: {}, joins: {}, jobDue: {}, subKeys: [], jobs: [], tasks: [], subs: [], timers: [], incidents: [], outbox: [], nextTimerAt: null,
      correlated: [], createdAt: new Date(now),
    };
    if (options.parent) doc.parent = options.parent;
    if (options.startCorrelationKey) doc.startCorrelationKey = options.startCorrelationKey;
    const step = new Step(doc, process, { now, nextKey: () => deps.keys.take() });
    try {
      step.start(options.startNodeId ?? process.noneStart!, options.variables ?? {});
    } catch (error) {
      if (error instanceof KeysExhausted && !options.key) continue;
      throw error;
    }
    step.finish();
    const jobs = deps.reserveJobs(step.newJobs);
    try {
      await retryBusy(() => deps.c.instances.insertOne(encode(doc)));
    } catch (error) {
      deps.releaseJobs(jobs);
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    }
    await deps.afterSave(doc, step, jobs);
    return doc;
  }
}

/** Variables visible at an element instance (its scope chain merged, outermost first). */
export function visibleVariables(doc: InstanceDoc, key: string): Variables {
  const chain: string[] = [];
  let k: string | undefined = key;
  while (k && k !== doc._id) {
    chain.push(k);
    k = doc.tokens.find((t) => t.key === k)?.scope;
  }
  chain.push(doc._id);
  return Object.assign({}, ...chain.reverse().map((c) => doc.vars[c] ?? {}));
}

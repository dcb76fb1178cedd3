/**
 * Load → advance → save, then deliver what the step produced (user-task notifications,
 * child-instance messages, jobs). The save goes through the group commit (commit.ts) with the
 * step's event-log lines. In topology `single` the load comes from the write-through cache
 * (cache.ts) and reads the database only on a miss; in `cluster` every event reads and the save
 * carries the version guard. A lost race (or a failed write) drops the cached copy, reloads and retries.
 */
import type { EngineEvent, Variables } from '../port.ts';
import type { InstanceDoc, JobState } from './state.ts';
import { Step } from './events.ts';
import { KeysExhausted, type KeyAllocator } from './keys.ts';
import type { KeyedMutex } from './mutex.ts';
import { retryBusy } from './busy.ts';
import type { Collections, DefinitionCache, DefinitionDoc } from './store.ts';
import type { DueLookup } from './due.ts';
import { decode, encode, type StoredInstance } from './codec.ts';
import type { InstanceCache } from './cache.ts';
import type { GroupCommit } from './commit.ts';

export interface InstanceDeps {
  c: Collections;
  cache: DefinitionCache;
  keys: KeyAllocator;
  now(): number;
  /** Locks new jobs for local workers before the save; returns the jobs reserved. */
  reserveJobs(jobs: JobState[]): JobState[];
  releaseJobs(jobs: JobState[]): void;
  /** After a save: tell listeners, notify, dispatch. */
  afterSave(doc: InstanceDoc, step: Step, jobs: JobState[], lines: EngineEvent[]): Promise<void>;
  /** Outbox items already delivered in this process (dropped from the document at the next step). */
  delivered: Set<string>;
  locks: KeyedMutex;
  /** Where every instance write goes (batched with others in flight). */
  commit: GroupCommit;
  /** Topology `single`: live instances as last written here; absent in `cluster` (every event reads). */
  live?: InstanceCache;
  /** Where pollers and the scheduler find due work; told of every instance loaded. */
  due: DueLookup;
}

const MAX_ATTEMPTS = 100;

/** Applies one event to an instance: load, advance, guarded save (under the in-process lock), then deliver. */
export async function applyEvent(deps: InstanceDeps, key: string, event: (step: Step) => boolean | void): Promise<boolean> {
  const saved = await deps.locks.run(key, () => advanceAndSave(deps, key, event));
  if (!saved) return false;
  await deps.afterSave(saved.doc, saved.step, saved.jobs, saved.lines);
  return true;
}

/** The stored instance: from the cache where this process owns it, else (and on a miss) from the database. */
export async function loadInstance(deps: Pick<InstanceDeps, 'c' | 'live'>, key: string): Promise<StoredInstance | null> {
  return deps.live?.get(key) ?? await retryBusy(() => deps.c.instances.findOne({ _id: key }));
}

async function advanceAndSave(deps: InstanceDeps, key: string, event: (step: Step) => boolean | void): Promise<{ doc: InstanceDoc; step: Step; jobs: JobState[]; lines: EngineEvent[] } | null> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await loadInstance(deps, key);
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
    const lines = logLines(doc, step);
    let saved: boolean;
    try {
      saved = await saveInstance(deps, doc, rev, lines);
    } catch (error) {
      deps.releaseJobs(jobs);
      throw error;
    }
    if (!saved) {
      deps.releaseJobs(jobs);
      continue;
    }
    for (const o of drop) deps.delivered.delete(o.id);
    return { doc, step, jobs: [...jobs, ...step.lockedJobs], lines };
  }
  throw new Error(`instance ${key}: too many concurrent updates`);
}

/** The event-log lines of a step, with the case id the instance carries. */
function logLines(doc: InstanceDoc, step: Step): EngineEvent[] {
  return step.events.map((e) => ({ ...e, caseId: e.caseId ?? doc.caseId }));
}

/**
 * Writes a loaded instance back (its `rev` already moved on from `rev`) through the group commit;
 * false when another writer got there first or the document is gone (the cached copy is dropped,
 * so the retry reads the database). On FerretDB the update filters on `_id` alone (see commit.ts).
 */
export async function saveInstance(deps: Pick<InstanceDeps, 'commit' | 'live'>, doc: InstanceDoc, rev: number, lines: EngineEvent[] = []): Promise<boolean> {
  const stored = encode(doc);
  let outcome;
  try {
    outcome = await deps.commit.write({ kind: 'update', doc: stored, rev }, lines);
  } catch (error) {
    deps.live?.delete(doc._id);
    throw error;
  }
  if (outcome !== 'written') {
    deps.live?.delete(doc._id);
    return false;
  }
  deps.live?.set(stored);
  return true;
}

/** Creates an instance document and runs it to its first wait. Idempotent by key (a child created twice is created once). */
export async function createInstance(deps: InstanceDeps, def: DefinitionDoc, options: { key?: string; startNodeId?: string; variables?: Variables; parent?: InstanceDoc['parent']; startCorrelationKey?: string }): Promise<InstanceDoc | null> {
  const process = await deps.cache.get(def._id);
  for (;;) {
    await deps.keys.reserve();
    // Callers released together (one key refill, one batch) pass reserve() together and share its
    // keys: out of keys, reserve again (nothing was written yet).
    let key: string;
    try {
      key = options.key ?? deps.keys.take();
    } catch (error) {
      if (error instanceof KeysExhausted) continue;
      throw error;
    }
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
      if (error instanceof KeysExhausted) continue;
      throw error;
    }
    step.finish();
    const jobs = deps.reserveJobs(step.newJobs);
    const stored = encode(doc);
    const lines = logLines(doc, step);
    let outcome;
    try {
      outcome = await deps.commit.write({ kind: 'insert', doc: stored }, lines);
    } catch (error) {
      deps.releaseJobs(jobs);
      throw error;
    }
    if (outcome !== 'written') {
      deps.releaseJobs(jobs);
      return null;
    }
    deps.live?.set(stored);
    await deps.afterSave(doc, step, jobs, lines);
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

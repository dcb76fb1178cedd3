/**
 * The embedded executor: Zeebe's semantics on one MongoDB document per process instance.
 * See ../README.md for the supported elements and the Zeebe documentation followed.
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { EngineConflict, EngineInvalid, EngineNotFound, engineNotFound } from '../errors.ts';
import { checkMigration, migrationRefused, type MigrateInstanceRequest, type MigratedInstance, type MigrationCheck, type MigrationProblem } from '../migration.ts';
import { activeElements, elementsOf } from './migrate.ts';
import { createLogger } from '../../shared/logger.ts';
import type {
  DeployedProcess, EngineEvent, Incident, JobHandler, PublishMessageRequest, StartInstanceRequest, StartedInstance,
  TaskMigratedListener, UserTaskListener, Variables, WorkerOptions, WorkflowEngine,
} from '../port.ts';
import { compileBpmn } from './compile.ts';
import { applyEvent, createInstance, type InstanceDeps } from './instance.ts';
import { JobRunner } from './jobs.ts';
import { KeyAllocator } from './keys.ts';
import { publish } from './messages.ts';
import { KeyedMutex } from './mutex.ts';
import { GroupCommit } from './commit.ts';
import { InstanceCache } from './cache.ts';
import { retryBusy } from './busy.ts';
import { Outbox } from './outbox.ts';
import { Scheduler } from './scheduler.ts';
import { DatabaseDue, MemoryDue, type DueLookup } from './due.ts';
import { decode } from './codec.ts';
import { detectFerretDb } from '../../shared/ferretdb-guard.ts';
import { collections, createIndexes, DefinitionCache, sha256, type Collections, type DefinitionDoc } from './store.ts';
import { timerDue } from './triggers.ts';
import type { Step } from './events.ts';
import type { InstanceDoc, JobState } from './state.ts';

export interface EmbeddedEngineDeps {
  db: Connection;
  logger?: Logger;
  /** Injectable clock (epoch ms), so tests move time without sleeping. */
  now?: () => number;
  /** Longest pause of an idle job poller / the timer scheduler (default 1000 ms). */
  idlePollMs?: number;
  /**
   * This process owns the instances (topology `single`): events start from the write-through cache
   * (cache.ts) instead of reading each instance back. Default: on FerretDB, where one engine process
   * per database is required anyway; topology `cluster` passes false.
   */
  ownsInstances?: boolean;
  /** Live instances kept by an owning process (default 20,000). */
  cacheSize?: number;
}

export class EmbeddedEngine implements WorkflowEngine {
  readonly name = 'embedded' as const;
  readonly c: Collections;
  readonly now: () => number;
  private readonly cache: DefinitionCache;
  private readonly keys: KeyAllocator;
  private readonly jobs: JobRunner;
  private readonly outbox: Outbox;
  readonly scheduler: Scheduler;
  private readonly logger: Logger;
  private readonly eventListeners: ((e: EngineEvent) => Promise<void> | void)[] = [];
  private readonly delivered = new Set<string>();
  private readonly locks = new KeyedMutex();
  private readonly commit: GroupCommit;
  private live?: InstanceCache;
  private readonly ownsInstances?: boolean;
  private readonly cacheSize?: number;
  /** Open user task → instance, so completing a task does not scan (FerretDB does not index `tasks.key`). A cache only: a miss queries. */
  private readonly taskIndex = new Map<string, string>();
  private started = false;
  private serverGuard = true;
  private due: DueLookup;

  private readonly db: Connection;

  constructor(deps: EmbeddedEngineDeps) {
    this.db = deps.db;
    this.c = collections(deps.db);
    this.now = deps.now ?? Date.now;
    this.logger = deps.logger ?? createLogger('silent');
    this.cache = new DefinitionCache(this.c);
    this.due = new DatabaseDue(this.c);
    this.keys = new KeyAllocator(this.c.counters);
    const workerId = `embedded-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.jobs = new JobRunner(() => this.deps, workerId, this.logger, deps.idlePollMs ?? 1000);
    this.outbox = new Outbox(() => this.deps, this.logger, this.delivered);
    this.commit = new GroupCommit(this.c, true, this.logger);
    this.ownsInstances = deps.ownsInstances;
    this.cacheSize = deps.cacheSize;
    this.scheduler = new Scheduler(() => this.deps, this.logger, deps.idlePollMs ?? 1000);
  }

  /** What the instance steps need; built per call so the functions see the live engine. */
  get deps(): InstanceDeps & { createInstance: typeof createInstance; jobs: JobRunner; cacheFind: DefinitionCache['find'] } {
    return {
      c: this.c, cache: this.cache, keys: this.keys, now: this.now, delivered: this.delivered, locks: this.locks, commit: this.commit, live: this.live, due: this.due,
      reserveJobs: (jobs: JobState[]) => this.jobs.reserve(jobs, this.now()),
      releaseJobs: (jobs: JobState[]) => this.jobs.release(jobs),
      afterSave: (doc: InstanceDoc, step: Step, jobs: JobState[], lines: EngineEvent[]) => this.afterSave(doc, step, jobs, lines),
      createInstance, jobs: this.jobs, cacheFind: this.cache.find.bind(this.cache),
    };
  }

  /** After the save (its log lines were written with it): listeners, task index, jobs, timers, outbox. */
  private async afterSave(doc: InstanceDoc, _step: Step, jobs: JobState[], lines: EngineEvent[]): Promise<void> {
    for (const o of doc.outbox) if (o.kind === 'task' && o.type !== 'created') this.taskIndex.delete(o.task.key);
    for (const t of doc.tasks) this.taskIndex.set(t.key, doc._id);
    this.due.saw(doc);
    for (const l of lines) for (const listener of this.eventListeners) {
      try { await listener(l); } catch (error) { this.logger.warn({ err: error }, 'engine: event listener failed'); }
    }
    if (jobs.length) this.jobs.dispatch(doc, jobs);
    if (doc.nextTimerAt !== null) this.scheduler.wakeAt(doc.nextTimerAt);
    if (doc.outbox.length) await this.outbox.deliver(doc);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await createIndexes(this.c);
    this.serverGuard = !(await detectFerretDb(this.db));
    this.commit.guarded = this.serverGuard;
    if (this.ownsInstances ?? !this.serverGuard) this.live = new InstanceCache(this.cacheSize);
    this.due = this.serverGuard ? new DatabaseDue(this.c) : new MemoryDue(this.c);
    this.cache.keepLatest = !this.serverGuard;
    await this.due.load(this.now(), this.live);
    this.started = true;
    await this.jobs.reclaimDeadLocks(!this.serverGuard);
    this.jobs.start();
    this.scheduler.start();
    await this.outbox.redeliverAll();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.scheduler.stop();
    await this.jobs.stop();
    await this.outbox.flush();
  }

  /** Instance writes per batch of the group commit: batch size → batches (the benchmark reports it). */
  batchSizes(): Record<number, number> {
    return Object.fromEntries([...this.commit.sizes].sort((a, b) => a[0] - b[0]));
  }

  async health(): Promise<Record<string, unknown>> {
    const active = await this.c.instances.countDocuments({ state: 'active' });
    return { engine: 'embedded', started: this.started, activeInstances: active };
  }

  /** Deploys each process as the next version of its id; an unchanged resource keeps its version (as Zeebe does). */
  async deploy(resource: { name: string; xml: string }): Promise<DeployedProcess[]> {
    const processes = await compileBpmn(resource.xml);
    const checksum = sha256(resource.xml);
    const out: DeployedProcess[] = [];
    for (const p of processes) {
      for (let attempt = 0; ; attempt++) {
        const latest = await this.cache.find(p.processId);
        if (latest && latest.checksum === checksum) {
          out.push({ processId: p.processId, version: latest.version, key: latest._id, versionTag: latest.versionTag, checksum });
          break;
        }
        await this.keys.reserve();
        const key = this.keys.take();
        const now = this.now();
        const timers = p.timerStarts.map((t) => ({ nodeId: t.nodeId, timer: t.timer, ...timerDue(p.nodes[t.nodeId], {}, now) }));
        const def: DefinitionDoc = {
          _id: key, processId: p.processId, version: (latest?.version ?? 0) + 1, checksum, resourceName: resource.name, xml: resource.xml,
          deployedAt: new Date(now), latest: true, messageStarts: p.messageStarts.map((m) => m.name), timers,
          nextTimerAt: timers.length ? Math.min(...timers.map((t) => t.due)) : null,
        };
        if (p.versionTag) def.versionTag = p.versionTag;
        try {
          await retryBusy(() => this.c.definitions.insertOne(def));
        } catch (error) {
          if ((error as { code?: number }).code === 11000 && attempt < 5) continue;
          throw error;
        }
        // Only the latest version's start events are active. https://docs.camunda.io/docs/components/modeler/bpmn/message-events/#message-start-events
        await retryBusy(() => this.c.definitions.updateMany({ processId: p.processId, version: { $lt: def.version } }, { $set: { latest: false, timers: [], nextTimerAt: null } }));
        this.cache.put(key, p);
        this.cache.deployed(def);
        if (def.nextTimerAt !== null) this.scheduler.wakeAt(def.nextTimerAt);
        out.push({ processId: p.processId, version: def.version, key, versionTag: def.versionTag, checksum });
        break;
      }
    }
    return out;
  }

  async startInstance(request: StartInstanceRequest): Promise<StartedInstance> {
    const def = await this.cache.find(request.processId, { version: request.version });
    if (!def) throw engineNotFound(`process ${request.processId}${request.version ? ` version ${request.version}` : ''}`, '流程');
    const process = await this.cache.get(def._id);
    if (!process.noneStart) throw new EngineInvalid({ code: 'NO_NONE_START_EVENT', zh: '流程没有空启动事件', en: `Process ${def.processId} has no none start event` });
    const doc = await createInstance(this.deps, def, { variables: request.variables ?? {} });
    return { processInstanceKey: doc!._id, processId: def.processId, version: def.version };
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    const found = await applyEvent(this.deps, processInstanceKey, (s) => { if (s.doc.state !== 'active') return false; s.cancel(); });
    if (!found && !(await this.c.instances.countDocuments({ _id: processInstanceKey }))) throw engineNotFound(`process instance ${processInstanceKey}`, '流程实例');
  }

  async setVariables(scopeKey: string, variables: Variables, options: { local?: boolean } = {}): Promise<void> {
    const doc = await this.c.instances.findOne({ $or: [{ _id: scopeKey }, { tokenKeys: scopeKey }] }, { projection: { _id: 1 } });
    if (!doc) throw engineNotFound(`scope ${scopeKey}`, '变量作用域');
    await applyEvent(this.deps, doc._id, (s) => {
      if (scopeKey !== s.root && !s.token(scopeKey)) return false;
      s.setVariables(scopeKey, variables, !!options.local);
    });
  }

  publishMessage(request: PublishMessageRequest): Promise<void> {
    return publish(this.deps, request);
  }

  registerWorker(type: string, handler: JobHandler, options?: WorkerOptions): void {
    this.jobs.register(type, handler, options);
  }

  onUserTask(listener: UserTaskListener): void {
    this.outbox.taskListeners.push(listener);
  }

  async completeUserTask(taskKey: string, variables: Variables = {}): Promise<void> {
    const cached = this.taskIndex.get(taskKey);
    const doc = cached ? { _id: cached } : await this.c.instances.findOne({ taskKeys: taskKey }, { projection: { _id: 1 } });
    const ok = doc && await applyEvent(this.deps, doc._id, (s) => s.completeTask(taskKey, variables));
    this.taskIndex.delete(taskKey);
    if (!ok) throw new EngineNotFound({ code: 'TASK_NOT_FOUND', zh: '任务不存在或已完成', en: `User task ${taskKey} not found or already completed` });
  }

  async listIncidents(filter: { processInstanceKey?: string } = {}): Promise<Incident[]> {
    const query = filter.processInstanceKey ? { _id: filter.processInstanceKey } : { 'incidentKeys.0': { $exists: true } };
    const docs = (await this.c.instances.find(query).toArray()).map(decode);
    return docs.flatMap((d) => d.incidents.map((i) => ({ ...i, processInstanceKey: d._id, processId: d.processId })));
  }

  async resolveIncident(incidentKey: string, options: { retries?: number } = {}): Promise<void> {
    const doc = await this.c.instances.findOne({ incidentKeys: incidentKey }, { projection: { _id: 1 } });
    const ok = doc && await applyEvent(this.deps, doc._id, (s) => s.resolveIncident(incidentKey, options.retries ?? 1));
    if (!ok) throw engineNotFound(`incident ${incidentKey}`, '事件');
  }

  onEvent(listener: (event: EngineEvent) => Promise<void> | void): void {
    this.eventListeners.push(listener);
  }

  async checkMigration(request: MigrateInstanceRequest): Promise<MigrationCheck> {
    const def = await this.migrationTarget(request.targetProcessDefinitionKey);
    const stored = await this.c.instances.findOne({ _id: request.processInstanceKey });
    if (!stored) throw engineNotFound(`process instance ${request.processInstanceKey}`, '流程实例');
    const doc = decode(stored);
    const active = doc.state === 'active' ? activeElements(doc) : [];
    const problems = doc.definitionKey === def._id ? [] : checkMigration({
      source: elementsOf(await this.cache.get(doc.definitionKey)), target: elementsOf(await this.cache.get(def._id)), active, mappings: request.mappings,
    });
    return { processInstanceKey: doc._id, processId: doc.processId, version: doc.version, active, problems, complete: true };
  }

  /** One guarded step on the instance document (migrate.ts): all of it moves, or nothing does. */
  async migrateInstance(request: MigrateInstanceRequest): Promise<MigratedInstance> {
    const def = await this.migrationTarget(request.targetProcessDefinitionKey);
    const target = await this.cache.get(def._id);
    const seen: { problems: MigrationProblem[]; state?: 'ended' | 'already' } = { problems: [] };
    const moved = await applyEvent(this.deps, request.processInstanceKey, (s) => {
      seen.state = s.doc.state !== 'active' ? 'ended' : s.doc.definitionKey === def._id ? 'already' : undefined;
      if (seen.state) return false;
      seen.problems = s.migrate(target, { key: def._id, processId: def.processId, version: def.version }, request.mappings);
      return seen.problems.length === 0;
    });
    const answer = { processInstanceKey: request.processInstanceKey, processId: def.processId, version: def.version };
    if (moved) return { ...answer, alreadyMigrated: false };
    if (seen.problems.length) throw migrationRefused(seen.problems);
    if (seen.state === 'already') return { ...answer, alreadyMigrated: true };
    if (seen.state === 'ended') throw new EngineConflict({ code: 'INSTANCE_NOT_ACTIVE', zh: '流程实例已结束，不能迁移', en: `Process instance ${request.processInstanceKey} has ended and cannot be migrated` });
    throw engineNotFound(`process instance ${request.processInstanceKey}`, '流程实例');
  }

  onTaskMigrated(listener: TaskMigratedListener): void {
    this.outbox.migratedListeners.push(listener);
  }

  private async migrationTarget(key: string): Promise<DefinitionDoc> {
    const def = await this.c.definitions.findOne({ _id: key }, { projection: { xml: 0 } }) as DefinitionDoc | null;
    if (!def) throw engineNotFound(`process definition ${key}`, '目标流程版本');
    return def;
  }

  /** Fires every timer due by now (tests call this after moving the clock). */
  runDueTimers(): Promise<void> {
    return this.scheduler.runDue();
  }
}

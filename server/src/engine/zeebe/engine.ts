import { createHash } from 'node:crypto';
import { Zeebe } from '@camunda8/sdk';
import type { Logger } from 'pino';
import { EngineConflict } from '../errors.ts';
import { createLogger } from '../../shared/logger.ts';
import {
  USER_TASK_JOB_TYPE,
  type DeployedProcess, type EngineEvent, type Incident, type Job, type JobHandler, type PublishMessageRequest, type StartInstanceRequest,
  type StartedInstance, type TaskMigratedListener, type UserTaskEvent, type UserTaskListener, type Variables, type WorkerOptions, type WorkflowEngine,
} from '../port.ts';
import { DeployedElements } from './elements.ts';
import { deployRefusal, fromGrpc, grpcCode, GRPC, notOfferedByGateway } from './errors.ts';
import { portJob, runHandler, type SdkJob, type SdkVariables } from './jobs.ts';
import { userTaskOf } from './user-tasks.ts';
import { RecordFollower } from './follower.ts';
import { ZeebeMigration } from './migration.ts';
import type { MigrateInstanceRequest, MigratedInstance, MigrationCheck } from '../migration.ts';
import { MemoryOpenTasks, type OpenTaskStore } from './open-tasks.ts';
import type { RecordFeed } from './records.ts';

export interface ZeebeEngineDeps {
  /**
   * @camunda8/sdk configuration over the environment. Without it the SDK configures itself from its
   * own variables (ZEEBE_GRPC_ADDRESS, ZEEBE_CLIENT_ID, CAMUNDA_AUTH_STRATEGY, CAMUNDA_OAUTH_URL …).
   */
  sdkConfig?: Record<string, unknown>;
  logger?: Logger;
  /** Lock of a user-task job: how long a task stays with this server before Zeebe hands it out again (30 days). */
  userTaskTimeoutMs?: number;
  /** Pause between polls of an idle worker, in ms (the SDK's default when not given). */
  pollIntervalMs?: number;
  /**
   * Zeebe's record stream (an exporter; the test engine's side door in the tests). With it the adapter
   * logs every element event, lists incidents and announces tasks cancelled inside Zeebe at once.
   */
  recordFeed?: RecordFeed;
  /** Where the open user tasks are kept (default: this process; topology cluster: the database, open-tasks.ts). */
  openTasks?: OpenTaskStore;
  /** How often the open tasks are checked against Zeebe (each job's lock renewed; a job gone = task cancelled). Default 30 s. */
  taskReconcileMs?: number;
}

interface Registration { type: string; handler: JobHandler; options: WorkerOptions }

const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_USER_TASK_TIMEOUT_MS = 30 * 24 * 3600_000;

/**
 * The Zeebe adapter of the engine port, on @camunda8/sdk's gRPC client (Camunda 8 / Zeebe 8.5).
 * Keys stay int64 strings; no SDK type leaves this folder. User tasks are job-based: one worker for
 * `io.camunda.zeebe:userTask` holds each task's job with a long lock and surfaces it through
 * `onUserTask`; when Zeebe hands the same job out again (lock ran out, restart), it is re-attached to
 * the task of the same key, not announced twice. It records what a client can see — jobs and user
 * tasks — in the event log; element entries and exits inside Zeebe are Zeebe's exporters' business.
 * Incidents cannot be listed through the gateway API (that needs Operate): `listIncidents` says so.
 */
export class ZeebeEngine implements WorkflowEngine {
  readonly name = 'zeebe' as const;
  private readonly client: Zeebe.ZeebeGrpcClient;
  private readonly logger: Logger;
  private readonly elements = new DeployedElements();
  private readonly registrations: Registration[] = [];
  private readonly workers: Array<{ close(): Promise<unknown> }> = [];
  private readonly userTaskListeners: UserTaskListener[] = [];
  private readonly migratedListeners: TaskMigratedListener[] = [];
  private readonly migration: ZeebeMigration;
  private readonly eventListeners: Array<(event: EngineEvent) => Promise<void> | void> = [];
  private readonly openTasks: OpenTaskStore;
  /** Tasks being completed by us right now: a vanished job there is our own completion, not a cancellation. */
  private readonly completing = new Set<string>();
  private readonly follower?: RecordFollower;
  private reconcileTimer?: NodeJS.Timeout;
  private userTaskWorkerStarted = false;
  private started = false;

  constructor(private readonly deps: ZeebeEngineDeps = {}) {
    this.logger = deps.logger ?? createLogger('silent');
    this.openTasks = deps.openTasks ?? new MemoryOpenTasks();
    this.client = new Zeebe.ZeebeGrpcClient({ config: (deps.sdkConfig ?? {}) as never });
    this.migration = new ZeebeMigration({ client: this.client, elements: this.elements, openTasks: this.openTasks, listeners: this.migratedListeners });
    if (deps.recordFeed) {
      this.follower = new RecordFollower(deps.recordFeed, {
        event: (event) => this.emit(event),
        terminated: (elementInstanceKey) => this.cancelTasksOf(elementInstanceKey),
      }, this.logger);
    }
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const registration of this.registrations) this.startWorker(registration);
    if (this.userTaskListeners.length > 0) this.startUserTaskWorker();
    this.follower?.start();
    const reconcile = () => {
      void this.reconcileTasks().finally(() => { if (this.started) this.reconcileTimer = setTimeout(reconcile, this.deps.taskReconcileMs ?? 30_000); });
    };
    this.reconcileTimer = setTimeout(reconcile, this.deps.taskReconcileMs ?? 30_000);
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.reconcileTimer);
    await this.follower?.stop();
    await Promise.all(this.workers.splice(0).map((w) => w.close().catch(() => undefined)));
    this.userTaskWorkerStarted = false;
    await this.client.close();
  }

  async health(): Promise<Record<string, unknown>> {
    const topology = await this.client.topology().catch((error: unknown) => { throw fromGrpc(error, { en: 'topology', zh: '拓扑' }); });
    const partitions = topology.brokers.flatMap((b) => b.partitions);
    return {
      engine: 'zeebe', gatewayVersion: topology.gatewayVersion, clusterSize: topology.clusterSize, partitionsCount: topology.partitionsCount,
      brokers: topology.brokers.length, healthyPartitions: partitions.filter((p) => String(p.health) === 'HEALTHY').length,
    };
  }

  async deploy(resource: { name: string; xml: string }): Promise<DeployedProcess[]> {
    const checksum = createHash('sha256').update(resource.xml, 'utf8').digest('hex');
    const response = await this.client.deployResource({ name: resource.name, process: Buffer.from(resource.xml, 'utf8') })
      .catch((error: unknown) => { throw deployRefusal(error); });
    return response.deployments.filter((d) => d.process).map(({ process }) => {
      this.elements.remember(process.bpmnProcessId, Number(process.version), resource.xml, String(process.processDefinitionKey));
      return { processId: process.bpmnProcessId, version: Number(process.version), key: String(process.processDefinitionKey), checksum };
    });
  }

  async startInstance(request: StartInstanceRequest): Promise<StartedInstance> {
    const created = await this.client.createProcessInstance({ bpmnProcessId: request.processId, ...(request.version ? { version: request.version } : {}), variables: (request.variables ?? {}) as SdkVariables })
      .catch((error: unknown) => { throw fromGrpc(error, { en: `process ${request.processId}${request.version ? ` version ${request.version}` : ''} not found`, zh: '流程不存在' }); });
    return { processInstanceKey: String(created.processInstanceKey), processId: created.bpmnProcessId, version: Number(created.version) };
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    await this.client.cancelProcessInstance(processInstanceKey)
      .catch((error: unknown) => { throw fromGrpc(error, { en: `process instance ${processInstanceKey} not found`, zh: '流程实例不存在' }); });
  }

  async setVariables(scopeKey: string, variables: Variables, options: { local?: boolean } = {}): Promise<void> {
    await this.client.setVariables({ elementInstanceKey: scopeKey, variables: variables as SdkVariables, local: options.local ?? false })
      .catch((error: unknown) => { throw fromGrpc(error, { en: `scope ${scopeKey} not found`, zh: '变量作用域不存在' }); });
  }

  async publishMessage(request: PublishMessageRequest): Promise<void> {
    await this.client.publishMessage({
      name: request.name, correlationKey: request.correlationKey, variables: (request.variables ?? {}) as SdkMessageVariables,
      timeToLive: request.timeToLiveMs ?? 0, ...(request.messageId ? { messageId: request.messageId } : {}),
    }).catch((error: unknown) => {
      // Zeebe answers ALREADY_EXISTS for a message id still alive; the port calls it MESSAGE_ALREADY_PUBLISHED.
      if (grpcCode(error) === GRPC.ALREADY_EXISTS) {
        throw new EngineConflict({ code: 'MESSAGE_ALREADY_PUBLISHED', en: `A message with id ${request.messageId} was already published`, zh: '相同编号的消息已发布' });
      }
      throw fromGrpc(error, { en: 'message', zh: '消息' });
    });
  }

  registerWorker(type: string, handler: JobHandler, options: WorkerOptions = {}): void {
    const registration = { type, handler, options };
    this.registrations.push(registration);
    if (this.started) this.startWorker(registration);
  }

  onUserTask(listener: UserTaskListener): void {
    this.userTaskListeners.push(listener);
    if (this.started) this.startUserTaskWorker();
  }

  async completeUserTask(taskKey: string, variables: Variables = {}): Promise<void> {
    this.completing.add(taskKey);
    try {
      await this.client.completeJob({ jobKey: taskKey, variables: variables as NonNullable<SdkMessageVariables> });
    } catch (error) {
      // The task's job is gone: the instance was cancelled or a boundary event interrupted the task.
      if (grpcCode(error) === GRPC.NOT_FOUND) await this.cancelTask(taskKey);
      throw fromGrpc(error, { code: 'TASK_NOT_FOUND', en: `User task ${taskKey} not found or already completed`, zh: '任务不存在或已完成' });
    } finally {
      this.completing.delete(taskKey);
    }
    const task = await this.openTasks.take(taskKey);
    if (task) await this.announce({ type: 'completed', task: { ...task, variables: { ...task.variables, ...variables } } }, 'completed');
  }

  async listIncidents(filter: { processInstanceKey?: string } = {}): Promise<Incident[]> {
    if (!this.follower) throw notOfferedByGateway('listing incidents needs Zeebe\'s record stream (an exporter) or the Operate API');
    await this.follower.poll();
    return this.follower.openIncidents().filter((i) => !filter.processInstanceKey || i.processInstanceKey === filter.processInstanceKey);
  }

  /** Resolves an incident; the job of a JOB_NO_RETRIES incident first gets its retries back (Zeebe refuses otherwise). */
  async resolveIncident(incidentKey: string, options: { retries?: number } = {}): Promise<void> {
    const incident = this.follower ? (await this.listIncidents()).find((i) => i.key === incidentKey) : undefined;
    if (!this.follower && options.retries !== undefined) {
      throw notOfferedByGateway('the job behind an incident is not known from its key without Zeebe\'s record stream; raise its retries with updateJobRetries first');
    }
    const notFound = { code: 'INCIDENT_NOT_FOUND', en: `incident ${incidentKey} not found`, zh: '流程异常不存在' };
    if (incident?.jobKey && incident.errorType === 'JOB_NO_RETRIES') {
      await this.client.updateJobRetries({ jobKey: incident.jobKey, retries: options.retries ?? 1 }).catch((error: unknown) => { throw fromGrpc(error, notFound); });
    }
    await this.client.resolveIncident({ incidentKey }).catch((error: unknown) => { throw fromGrpc(error, notFound); });
  }

  onEvent(listener: (event: EngineEvent) => Promise<void> | void): void {
    this.eventListeners.push(listener);
  }

  /** See migration.ts: the port's check on the tasks held here, then Zeebe's MigrateProcessInstance. */
  checkMigration(request: MigrateInstanceRequest): Promise<MigrationCheck> {
    return this.migration.check(request);
  }

  migrateInstance(request: MigrateInstanceRequest): Promise<MigratedInstance> {
    return this.migration.migrate(request);
  }

  onTaskMigrated(listener: TaskMigratedListener): void {
    this.migratedListeners.push(listener);
  }

  private workerOptions(type: string, timeoutMs: number, maxJobs: number) {
    return {
      taskType: type, timeout: timeoutMs, maxJobsToActivate: maxJobs, loglevel: 'INFO' as const, stdout: this.sdkLog,
      ...(this.deps.pollIntervalMs ? { pollInterval: this.deps.pollIntervalMs } : {}),
    };
  }

  /** The SDK workers' log lines (JSON strings) go through pino, redaction included; routine ones at debug. */
  private readonly sdkLog = {
    debug: (line: string) => this.logger.debug({ zeebe: parseLine(line) }, 'zeebe worker'),
    info: (line: string) => this.logger.debug({ zeebe: parseLine(line) }, 'zeebe worker'),
    error: (line: string) => this.logger.error({ zeebe: parseLine(line) }, 'zeebe worker'),
  };

  private startWorker({ type, handler, options }: Registration): void {
    this.workers.push(this.client.createWorker({
      ...this.workerOptions(type, options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS, options.maxActiveJobs ?? 4),
      taskHandler: async (job: SdkJob) => {
        await this.record(portJob(job), 'activated');
        const { ack, result } = await runHandler(job, handler);
        const intent = result.outcome === 'complete' ? 'completed' : result.outcome === 'bpmnError' ? 'terminated' : result.retries === 0 ? 'incident' : undefined;
        if (intent) await this.record(portJob(job), intent);
        return ack;
      },
    }));
  }

  private startUserTaskWorker(): void {
    if (this.userTaskWorkerStarted) return;
    this.userTaskWorkerStarted = true;
    this.workers.push(this.client.createWorker({
      ...this.workerOptions(USER_TASK_JOB_TYPE, this.deps.userTaskTimeoutMs ?? DEFAULT_USER_TASK_TIMEOUT_MS, 32),
      taskHandler: async (job: SdkJob) => {
        const key = String(job.key);
        if (await this.openTasks.has(key)) {
          this.logger.debug({ taskKey: key }, 'user task job handed out again: re-attached to its task');
        } else {
          const portable = portJob(job);
          const task = userTaskOf(portable, this.elements.find(portable.processId, portable.processVersion, portable.elementId)?.name, new Date());
          await this.openTasks.put(task);
          await this.announce({ type: 'created', task }, 'activated');
        }
        // The job stays locked to us until the task is completed on our task board.
        return job.forward();
      },
    }));
  }

  private async announce(event: UserTaskEvent, intent: EngineEvent['intent']): Promise<void> {
    for (const listener of this.userTaskListeners) {
      await Promise.resolve(listener(event)).catch((error: unknown) => this.logger.error({ err: error, taskKey: event.task.key }, 'user task listener failed'));
    }
    const t = event.task;
    if (this.follower) return; // the record feed logs every element event
    await this.emit({ processInstanceKey: t.processInstanceKey, processId: t.processId, processVersion: t.processVersion, elementId: t.elementId, elementType: 'userTask', elementInstanceKey: t.elementInstanceKey, intent, at: new Date(), ...caseOf(t.variables) });
  }

  private async record(job: Job, intent: EngineEvent['intent']): Promise<void> {
    if (this.follower) return; // the record feed logs every element event
    const elementType = this.elements.find(job.processId, job.processVersion, job.elementId)?.type ?? 'serviceTask';
    await this.emit({ processInstanceKey: job.processInstanceKey, processId: job.processId, processVersion: job.processVersion, elementId: job.elementId, elementType, elementInstanceKey: job.elementInstanceKey, intent, at: new Date(), ...caseOf(job.variables) });
  }

  /** A task whose job Zeebe no longer has (instance cancelled, boundary event, terminate end, completion condition). */
  private async cancelTask(taskKey: string): Promise<void> {
    const task = await this.openTasks.take(taskKey);
    if (task) await this.announce({ type: 'canceled', task }, 'terminated');
  }

  private async cancelTasksOf(elementInstanceKey: string): Promise<void> {
    for (const task of await this.openTasks.all()) {
      if (task.elementInstanceKey === elementInstanceKey && !this.completing.has(task.key)) await this.cancelTask(task.key);
    }
  }

  /**
   * Checks every open task against Zeebe: renewing its job's lock answers NOT_FOUND when Zeebe cancelled
   * the job, and the task is announced cancelled. Works with the plain gateway API, without a record feed.
   */
  private async reconcileTasks(): Promise<void> {
    for (const { key } of await this.openTasks.all()) {
      if (this.completing.has(key)) continue;
      try {
        await this.client.updateJobTimeout({ jobKey: key, timeout: this.deps.userTaskTimeoutMs ?? DEFAULT_USER_TASK_TIMEOUT_MS });
      } catch (error) {
        if (grpcCode(error) === GRPC.NOT_FOUND && !this.completing.has(key)) await this.cancelTask(key);
        else this.logger.warn({ err: error, taskKey: key }, 'user task reconciliation failed');
      }
    }
  }

  private async emit(event: EngineEvent): Promise<void> {
    for (const listener of this.eventListeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error({ err: error, event }, 'engine event listener failed');
      }
    }
  }
}

/** Variables as the SDK's message and job calls type them. */
type SdkMessageVariables = Parameters<Zeebe.ZeebeGrpcClient['publishMessage']>[0]['variables'];

const parseLine = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
};

const caseOf = (variables: Variables): { caseId?: string } =>
  (typeof variables.caseId === 'string' ? { caseId: variables.caseId } : {});

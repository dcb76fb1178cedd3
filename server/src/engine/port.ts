/**
 * The workflow engine port. Two adapters implement it — `embedded/` (our executor, state in
 * MongoDB; the default) and `zeebe/` (Camunda 8 through @camunda8/sdk) — and one contract suite
 * (`contract/`) holds both to the same behaviour. No engine-SDK type crosses this file; every key
 * is a string (Zeebe keys are int64).
 */
import type { MigrateInstanceRequest, MigratedInstance, MigrationCheck } from './migration.ts';

export type { ActiveElement, MigrateInstanceRequest, MigratedInstance, MigrationCheck, MigrationMapping, MigrationProblem } from './migration.ts';

export type Variables = Record<string, unknown>;

/**
 * The job type under which Zeebe hands out a BPMN userTask without the `zeebe:userTask` marker (a
 * job-worker user task): the Zeebe adapter subscribes to it to surface human steps, and publishing
 * accepts it as no service-task type of ours. Written here once.
 * https://docs.camunda.io/docs/components/modeler/bpmn/user-tasks/#job-worker-implementation
 */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

export interface DeployedProcess {
  processId: string;
  version: number;
  /** Engine key of the process definition. */
  key: string;
  versionTag?: string;
  /** SHA-256 of the BPMN XML as deployed. */
  checksum: string;
}

export interface StartInstanceRequest {
  processId: string;
  /** Latest version unless given. */
  version?: number;
  variables?: Variables;
}

export interface StartedInstance {
  processInstanceKey: string;
  processId: string;
  version: number;
}

/** A unit of work for a job worker (a service, send or business-rule task, or a message end event). */
export interface Job {
  key: string;
  type: string;
  processInstanceKey: string;
  processId: string;
  processVersion: number;
  elementId: string;
  elementInstanceKey: string;
  retries: number;
  customHeaders: Record<string, string>;
  /** Variables visible at the element, after its input mappings. */
  variables: Variables;
}

/**
 * What a handler decides; the adapter turns it into engine calls (complete, fail, throw error).
 * A handler never calls the engine for its own job, so it can be tested without one.
 */
export type JobResult =
  | { outcome: 'complete'; variables?: Variables }
  | { outcome: 'fail'; errorMessage: string; retries?: number; retryBackoffMs?: number }
  | { outcome: 'bpmnError'; errorCode: string; errorMessage?: string; variables?: Variables };

export type JobHandler = (job: Job) => Promise<JobResult>;

export interface WorkerOptions {
  /** How many jobs of this type may run at once (default 4). */
  maxActiveJobs?: number;
  /** Milliseconds a job is locked to this worker before it may be delivered again. */
  timeoutMs?: number;
}

/** A human step: a BPMN userTask, surfaced the same way by both adapters. */
export interface UserTask {
  key: string;
  processInstanceKey: string;
  processId: string;
  processVersion: number;
  elementId: string;
  elementInstanceKey: string;
  name?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  /** ISO 8601 date-time from zeebe:taskSchedule. */
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  customHeaders: Record<string, string>;
  variables: Variables;
  createdAt: string;
}

export type UserTaskEvent =
  | { type: 'created'; task: UserTask }
  | { type: 'completed'; task: UserTask }
  | { type: 'canceled'; task: UserTask };

export type UserTaskListener = (event: UserTaskEvent) => Promise<void>;

/**
 * An open user task moved to another process version with its instance (migrateInstance): same key,
 * new element (and name, version). The board and the case's current step follow it.
 */
export interface TaskMigratedEvent {
  task: UserTask;
  from: { processId: string; processVersion: number; elementId: string; name?: string };
}

export type TaskMigratedListener = (event: TaskMigratedEvent) => Promise<void>;

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** How long the message waits for a subscription when none is open (0 = not buffered). */
  timeToLiveMs?: number;
  /** A message with the same id is published only once while the first one lives. */
  messageId?: string;
}

export interface Incident {
  key: string;
  processInstanceKey: string;
  processId: string;
  elementId: string;
  elementInstanceKey: string;
  errorType: 'JOB_NO_RETRIES' | 'EXTRACT_VALUE_ERROR' | 'CONDITION_ERROR' | 'UNHANDLED_ERROR_EVENT' | 'CALLED_ELEMENT_ERROR' | 'IO_MAPPING_ERROR' | 'UNKNOWN';
  errorMessage: string;
  jobKey?: string;
  createdAt: string;
}

/** One line of the event log: every element entered, left or terminated (and jobs, tasks). */
export interface EngineEvent {
  processInstanceKey: string;
  processId: string;
  processVersion: number;
  elementId: string;
  elementType: string;
  elementInstanceKey: string;
  /** What happened to the element. */
  intent: 'activated' | 'completed' | 'terminated' | 'incident' | 'resolved';
  at: Date;
  /** The case (办件) the instance belongs to, from the instance variable `caseId` when present. */
  caseId?: string;
}

export interface WorkflowEngine {
  readonly name: 'embedded' | 'zeebe';
  /** Starts workers, schedulers and subscriptions; picks up every instance where it stood. */
  start(): Promise<void>;
  stop(): Promise<void>;
  health(): Promise<Record<string, unknown>>;

  /** Deploys a BPMN resource; each process in it becomes the next version of its id. */
  deploy(resource: { name: string; xml: string }): Promise<DeployedProcess[]>;
  startInstance(request: StartInstanceRequest): Promise<StartedInstance>;
  cancelInstance(processInstanceKey: string): Promise<void>;
  /** Sets variables on an element instance's scope (or the process instance's, by its key). */
  setVariables(scopeKey: string, variables: Variables, options?: { local?: boolean }): Promise<void>;
  publishMessage(request: PublishMessageRequest): Promise<void>;

  registerWorker(type: string, handler: JobHandler, options?: WorkerOptions): void;

  onUserTask(listener: UserTaskListener): void;
  completeUserTask(taskKey: string, variables?: Variables): Promise<void>;

  listIncidents(filter?: { processInstanceKey?: string }): Promise<Incident[]>;
  /** Resolves an incident; a job incident gets `retries` more tries (default 1). */
  resolveIncident(incidentKey: string, options?: { retries?: number }): Promise<void>;

  onEvent(listener: (event: EngineEvent) => Promise<void> | void): void;

  /**
   * What moving an instance with these mappings would meet, without moving it (migration.ts's
   * check on the instance's active elements). Throws EngineNotFound for an unknown instance or target.
   */
  checkMigration(request: MigrateInstanceRequest): Promise<MigrationCheck>;
  /**
   * Moves a running instance to another process definition, atomically: every element instance is
   * mapped, timers and message subscriptions are re-created from the target, variables stay, user
   * tasks keep their keys (announced through `onTaskMigrated`). Throws EngineInvalid
   * MIGRATION_MAPPING_INVALID naming the elements when the check fails (nothing moved), EngineConflict
   * INSTANCE_NOT_ACTIVE for an ended instance; the Zeebe adapter passes Zeebe's own refusals on.
   */
  migrateInstance(request: MigrateInstanceRequest): Promise<MigratedInstance>;
  onTaskMigrated(listener: TaskMigratedListener): void;
}

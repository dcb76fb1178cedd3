/**
 * The one MongoDB document per process instance (collection `engine_instances`). Everything an
 * instance needs to continue lives here, so an event is one read and one guarded write.
 */
import type { EngineEvent, Incident, UserTask, Variables } from '../port.ts';

export const NEVER = 8.64e15;

export interface Token {
  key: string;
  nodeId: string;
  /** Key of the flow scope: the process instance key, a sub-process or multi-instance body instance. */
  scope: string;
  state: 'active' | 'waiting' | 'incident';
  /** What resolving an incident retries. */
  pending?: 'inputs' | 'behave' | 'complete';
  mi?: 'body' | 'inner';
  loopCounter?: number;
  body?: { items: unknown[]; next: number; active: number; completed: number; terminated: number };
  /** Call activity: the child process instance. */
  child?: string;
  /** Event sub-process scope was interrupted: no further event sub-process may start. */
  interrupted?: boolean;
}

export interface JobState {
  key: string;
  type: string;
  elementInstanceKey: string;
  nodeId: string;
  retries: number;
  /** Epoch ms from which the job may be activated (creation, lock expiry, retry backoff); NEVER when in incident. */
  due: number;
  worker?: string;
  headers: Record<string, string>;
  errorMessage?: string;
}

export interface SubState {
  key: string;
  /** Element instance that owns it: boundary host, catch event, event-based gateway, or event sub-process scope. */
  owner: string;
  nodeId: string;
  name: string;
  correlationKey: string;
}

export interface TimerState {
  key: string;
  owner: string;
  nodeId: string;
  due: number;
  repetitions?: number;
  interval?: string;
}

export type TaskState = Omit<UserTask, 'variables' | 'processId' | 'processVersion' | 'processInstanceKey'>;

export type OutboxItem =
  | { id: string; kind: 'task'; type: 'created' | 'completed' | 'canceled'; task: TaskState; variables: Variables }
  | { id: string; kind: 'startChild'; childKey: string; processId: string; bindingType: string; versionTag?: string; elementInstanceKey: string; variables: Variables }
  | { id: string; kind: 'childDone'; parentKey: string; elementInstanceKey: string; variables: Variables }
  | { id: string; kind: 'childError'; parentKey: string; elementInstanceKey: string; errorCode: string; errorMessage: string; variables: Variables }
  | { id: string; kind: 'cancelChild'; childKey: string }
  | { id: string; kind: 'correlate'; subKey: string; name: string; correlationKey: string }
  | { id: string; kind: 'taskMigrated'; task: TaskState; variables: Variables; from: { processId: string; processVersion: number; elementId: string; name?: string } };

export interface InstanceDoc {
  _id: string;
  rev: number;
  processId: string;
  version: number;
  definitionKey: string;
  state: 'active' | 'completed' | 'terminated';
  parent?: { instanceKey: string; elementInstanceKey: string };
  tokens: Token[];
  vars: Record<string, Variables>;
  /** Arrivals at joining gateways: `${scopeKey}/${gatewayId}` → flow ids taken. */
  joins: Record<string, string[]>;
  jobs: JobState[];
  tasks: TaskState[];
  subs: SubState[];
  timers: TimerState[];
  incidents: Omit<Incident, 'processInstanceKey' | 'processId'>[];
  outbox: OutboxItem[];
  /** Earliest due time of the open jobs per type (type with dots as underscores): what job pollers query. */
  jobDue: Record<string, number>;
  /** `${name}\u0001${correlationKey}` of each open subscription: what a published message queries. */
  subKeys: string[];
  /** Earliest timer due (indexed for the scheduler), null when none. */
  nextTimerAt: number | null;
  /** Message keys already correlated (bounded), so a message never correlates twice. */
  correlated: string[];
  caseId?: string;
  /** A message start's correlation key: one active instance per key and process. */
  startCorrelationKey?: string;
  createdAt: Date;
  endedAt?: Date;
}

export type PendingEvent = Omit<EngineEvent, 'at'> & { at: Date };

export const jobDueField = (type: string) => type.replace(/[.$]/g, '_');
export const subKey = (name: string, correlationKey: string) => `${name}\u0001${correlationKey}`;

/**
 * What a contract scenario sees: the engine behind the port, recorders for user tasks, jobs and the
 * event log, and waits with a timeout. Nothing here knows which adapter runs.
 */
import type { EngineEvent, Job, JobResult, TaskMigratedEvent, UserTaskEvent, Variables, WorkflowEngine } from '../../../src/engine/port.ts';
import { decode } from '../../../src/engine/embedded/codec.ts';

/** Engine features a scenario may need beyond the plain port; an adapter (or test double) lists the ones it lacks. */
export type Feature =
  /** Moving the engine clock (timers fire without waiting). */
  | 'clock'
  /** The full event log: every element activated / completed / terminated. */
  | 'elementEvents'
  /** Redelivery of a job whose lock ran out. */
  | 'lockTimeout'
  /** Deploy-time refusals (unsupported elements, DOCTYPE, FEEL syntax). */
  | 'deployValidation'
  /** Incidents from FEEL evaluation and conditions, resolvable after setVariables. */
  | 'expressionIncidents';

export interface EngineUnderTest {
  engine: WorkflowEngine;
  /** Moves the engine clock forward and fires whatever fell due. Needed by 'clock' scenarios. */
  advanceClock?(ms: number): Promise<void>;
  /** The engine clock (epoch ms), when it is not the wall clock. */
  now?(): number;
  close(): Promise<void>;
}

export interface ContractOptions {
  /** Features this adapter cannot offer: scenarios needing them are skipped, with the feature named. */
  unsupported?: Feature[];
  /** Scenarios (by title) this adapter's engine declares it behaves differently in, with the reason. */
  differences?: Record<string, string>;
}

let uid = 0;

export class World {
  readonly tasks: UserTaskEvent[] = [];
  /** User tasks moved to another version with their instance. */
  readonly migrated: TaskMigratedEvent[] = [];
  readonly events: EngineEvent[] = [];
  /** Jobs seen per type, in order. */
  readonly jobs: Job[] = [];
  readonly id = `s${Date.now().toString(36)}${++uid}`;

  constructor(readonly under: EngineUnderTest) {}

  get engine(): WorkflowEngine { return this.under.engine; }

  /** A process or job type name unique to this scenario. */
  name(base: string): string { return `${base}_${this.id}`; }

  async deploy(xml: string) {
    return this.engine.deploy({ name: `${this.id}.bpmn`, xml });
  }

  /** Registers a worker; every job it gets is recorded. */
  worker(type: string, handler: (job: Job) => JobResult | Promise<JobResult> = () => ({ outcome: 'complete' }), options?: { timeoutMs?: number; maxActiveJobs?: number }): void {
    this.engine.registerWorker(type, async (job) => {
      this.jobs.push(job);
      return handler(job);
    }, options);
  }

  async waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > until) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const c = (this.engine as any).c;
        if (process.env.ENGINE_TEST_DUMP && c) console.error(JSON.stringify((await c.instances.find({}).sort({ _id: -1 }).limit(2).toArray()).map(decode), null, 1));
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The open user task of an element in an instance. */
  task(processInstanceKey: string, elementId: string, type: UserTaskEvent['type'] = 'created') {
    return this.waitFor(() => this.tasks.find((t) => t.type === type && t.task.processInstanceKey === processInstanceKey && t.task.elementId === elementId
      && (type !== 'created' || !this.tasks.some((o) => o.type !== 'created' && o.task.key === t.task.key)))?.task, `${type} task ${elementId}`);
  }

  /** The job of an element (a `done` marker task records variables at a point of the process). */
  job(processInstanceKey: string, elementId: string, nth = 1) {
    return this.waitFor(() => this.jobs.filter((j) => j.processInstanceKey === processInstanceKey && j.elementId === elementId)[nth - 1], `job at ${elementId}`);
  }

  jobsAt(processInstanceKey: string, elementId: string): Job[] {
    return this.jobs.filter((j) => j.processInstanceKey === processInstanceKey && j.elementId === elementId);
  }

  async incident(processInstanceKey: string) {
    return this.waitFor(async () => (await this.engine.listIncidents({ processInstanceKey }))[0], 'an incident');
  }

  ended(processInstanceKey: string, intent: 'completed' | 'terminated' = 'completed') {
    return this.waitFor(() => this.events.find((e) => e.processInstanceKey === processInstanceKey && e.elementType === 'process' && e.intent === intent), `process ${intent}`);
  }

  eventsOf(processInstanceKey: string, elementId: string, intent?: EngineEvent['intent']): EngineEvent[] {
    return this.events.filter((e) => e.processInstanceKey === processInstanceKey && e.elementId === elementId && (!intent || e.intent === intent));
  }

  now(): number {
    return this.under.now?.() ?? Date.now();
  }

  async advance(ms: number): Promise<void> {
    if (!this.under.advanceClock) throw new Error('this scenario needs the clock feature');
    await this.under.advanceClock(ms);
  }

  /** Lets in-flight work settle, for asserting that something did NOT happen. */
  settle(ms = 150): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  async start(processId: string, variables?: Variables, version?: number): Promise<string> {
    return (await this.engine.startInstance({ processId, variables, version })).processInstanceKey;
  }
}

/** Marker job type: a `done` task records the variables visible at that point. */
export const DONE = 'contract-done';

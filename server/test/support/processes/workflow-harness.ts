import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EmbeddedEngine } from '../../../src/engine/embedded/engine.ts';
import type { EngineEvent, Job, UserTask, Variables, WorkflowEngine } from '../../../src/engine/port.ts';
import { ZeebeEngine } from '../../../src/engine/zeebe/index.ts';
import { ttlOnMovedClock, type ZeebeTestEngine } from '../../engine/zeebe/test-engine.ts';
import { testDatabase } from '../../support.ts';
import { hallJobTypes } from '../../../src/jobs/index.ts';

const workflowsDir = fileURLToPath(new URL('../../../../workflows/', import.meta.url));
const HOUR = 3_600_000;

/** How the harness moves an engine's clock and closes it. */
interface Clocked { engine: WorkflowEngine; advance(ms: number): Promise<number>; close(): Promise<void> }

/**
 * Runs the hall's workflows on an engine for given / when / then tests — the embedded executor
 * (`start`) or the real Zeebe 8.5 test engine (`onZeebe`): the hall's job types answer as their real
 * workers will (due times as ISO date-times, see workflows/README.md), user tasks are completed by the
 * test, and the clock can be moved so SLA timers fire.
 */
export class HallWorkflows {
  readonly jobs: Job[] = [];
  readonly tasks: UserTask[] = [];
  readonly events: EngineEvent[] = [];
  private offset = 0;
  readonly engine: WorkflowEngine;

  private constructor(private readonly clocked: (hall: HallWorkflows) => Clocked) {
    this.engine = this.under.engine;
  }

  private get under(): Clocked { return (this.cached ??= this.clocked(this)); }
  private cached?: Clocked;

  /** On the embedded executor, against a fresh database of the real FerretDB. */
  static async start(label: string): Promise<HallWorkflows> {
    const db = await testDatabase(label);
    return HallWorkflows.begin(() => {
      let offset = 0;
      const engine = new EmbeddedEngine({ db, now: () => Date.now() + offset, idlePollMs: 50 });
      return {
        engine,
        async advance(ms) { offset += ms; await engine.runDueTimers(); return Date.now() + offset; },
        async close() { await engine.stop(); await db.dropDatabase(); await db.close(); },
      };
    });
  }

  /** On the real Zeebe 8.5 test engine, its clock moved through the side door. */
  static async onZeebe(zeebe: ZeebeTestEngine): Promise<HallWorkflows> {
    const offset = (await zeebe.now()) - Date.now();
    const hall = await HallWorkflows.begin((hall) => {
      const engine = new ZeebeEngine({ sdkConfig: zeebe.sdkConfig, recordFeed: zeebe.feed, pollIntervalMs: 50, taskReconcileMs: 500 });
      const publish = engine.publishMessage.bind(engine);
      engine.publishMessage = (request) => publish({ ...request, timeToLiveMs: ttlOnMovedClock(request.timeToLiveMs, hall.now() - Date.now()) });
      return { engine, advance: (ms) => zeebe.advanceClock(ms), close: () => engine.stop() };
    });
    hall.offset = offset;
    return hall;
  }

  private static async begin(clocked: (hall: HallWorkflows) => Clocked): Promise<HallWorkflows> {
    const hall = new HallWorkflows(clocked);
    const engine = hall.engine;
    for (const type of hallJobTypes) engine.registerWorker(type, async (job) => {
      // Jobs are delivered at least once: a job redelivered after its timeout (a slow, loaded machine) is one step of the path, not two.
      if (!hall.jobs.some((seen) => seen.key === job.key)) hall.jobs.push(job);
      return { outcome: 'complete', variables: hall.answer(job) };
    });
    engine.onUserTask(async (e) => { if (e.type === 'created') hall.tasks.push(e.task); });
    engine.onEvent((e) => { hall.events.push(e); });
    await engine.start();
    for (const file of ['immediate-matter', 'single-department-approval', 'parallel-approval', 'joint-drawing-review']) {
      await engine.deploy({ name: `${file}.bpmn`, xml: readFileSync(`${workflowsDir}${file}.bpmn`, 'utf8') });
    }
    return hall;
  }

  now(): number { return Date.now() + this.offset; }

  /** What the hall's workers return: case limits from `receive`, step limits from `transfer`, ids elsewhere. */
  private answer(job: Job): Variables {
    const at = (hours: number) => new Date(this.now() + hours * HOUR).toISOString();
    switch (job.type) {
      case 'receive': return { caseWarnAt: at(20 * 24), caseDueAt: at(21 * 24) };
      case 'transfer': return { stepWarnAt: at(48), stepDueAt: at(72) };
      case 'prepareCertificate': return { certificateId: `CERT-${job.variables.caseId}`, issueDueAt: at(10 * 24) };
      case 'renderDocument': return { documentId: `${job.customHeaders.documentKind}-${job.variables.caseId}` };
      default: return {};
    }
  }

  async startCase(processId: string, variables: Variables): Promise<string> {
    return (await this.engine.startInstance({ processId, variables })).processInstanceKey;
  }

  async waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; jobs: ${this.jobs.map((j) => j.elementId).join(', ')}; tasks: ${this.tasks.map((t) => t.elementId).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The open tasks of an element in a case (created and not yet completed by this harness). */
  private readonly done = new Set<string>();
  async openTasks(key: string, elementId: string, count = 1): Promise<UserTask[]> {
    return this.waitFor(() => {
      const open = this.tasks.filter((t) => t.processInstanceKey === key && t.elementId === elementId && !this.done.has(t.key));
      return open.length >= count && open;
    }, `${count} open task(s) ${elementId}`);
  }

  async complete(task: UserTask, variables: Variables = {}): Promise<void> {
    this.done.add(task.key);
    await this.engine.completeUserTask(task.key, variables);
  }

  /** Completes the (one) open task of an element. */
  async completeAt(key: string, elementId: string, variables: Variables = {}): Promise<UserTask> {
    const [task] = await this.openTasks(key, elementId);
    await this.complete(task, variables);
    return task;
  }

  async ended(key: string): Promise<string[]> {
    await this.waitFor(() => this.events.some((e) => e.processInstanceKey === key && e.elementType === 'process' && e.intent === 'completed'), 'the case to end');
    return this.events.filter((e) => e.processInstanceKey === key && e.elementType === 'endEvent' && e.intent === 'completed').map((e) => e.elementId);
  }

  /** Job element ids of a case, in order (`element[header]` for notify and renderDocument). */
  trail(key: string): string[] {
    return this.jobs.filter((j) => j.processInstanceKey === key).map((j) => j.elementId);
  }

  notices(key: string): string[] {
    return this.jobs.filter((j) => j.processInstanceKey === key && j.type === 'notify').map((j) => j.customHeaders.template);
  }

  async advance(ms: number): Promise<void> {
    this.offset = (await this.under.advance(ms)) - Date.now();
  }

  async close(): Promise<void> {
    await this.under.close();
  }
}

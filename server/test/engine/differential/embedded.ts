import type { EngineEvent, UserTaskEvent, Variables, WorkflowEngine } from '../../../src/engine/port.ts';
import { scenarioJobTypes, type Scenario } from './scenarios.ts';
import { TraceRecorder, type Trace } from './trace.ts';

interface Run { scenario: Scenario; trace: TraceRecorder; seen: Set<string>; done: () => void }

/**
 * Runs differential scenarios on a workflow engine behind the port (the embedded executor, or the
 * Zeebe adapter on the real Zeebe 8.5 test engine):
 * one worker per job type and one user-task listener dispatch to the scenario whose case it is
 * (by the `caseId` variable, known before the instance key is: jobs may run before `startInstance`
 * returns).
 */
export class PortRunner {
  private readonly running = new Map<string, Run>();

  constructor(private readonly engine: WorkflowEngine) {
    for (const type of scenarioJobTypes) {
      engine.registerWorker(type, async (job) => {
        const run = this.running.get(String(job.variables.caseId));
        if (!run) return { outcome: 'fail', errorMessage: `no scenario runs case ${String(job.variables.caseId)}`, retries: 0 };
        // A job may be delivered twice (at least once, on either engine): the trace counts it once.
        if (!run.seen.has(job.key)) run.trace.step(job.elementId, job.type, job.variables);
        run.seen.add(job.key);
        return { outcome: 'complete', variables: run.scenario.jobs[job.type](structuredClone(job.variables)) };
      });
    }
    engine.onUserTask(async (event: UserTaskEvent) => {
      const run = this.running.get(String(event.task.variables.caseId));
      if (event.type !== 'created' || !run) return;
      run.trace.step(event.task.elementId, undefined, event.task.variables);
      const completion: Variables = run.scenario.userTasks?.[event.task.elementId]?.(structuredClone(event.task.variables)) ?? {};
      // Completed outside the listener, as a task board would: never re-entering the engine from its own callback.
      setImmediate(() => void this.engine.completeUserTask(event.task.key, completion));
    });
    engine.onEvent((event: EngineEvent) => {
      const run = event.caseId ? this.running.get(event.caseId) : undefined;
      if (run) run.trace.element(event.elementId, event.intent);
      if (!run || event.intent !== 'completed') return;
      if (event.elementType === 'endEvent') run.trace.end(event.elementId);
      if (event.elementType === 'process') run.done();
    });
  }

  async run(scenario: Scenario, timeoutMs = 10_000): Promise<Trace> {
    const caseId = String(scenario.variables.caseId);
    await this.engine.deploy({ name: `${scenario.processId}.bpmn`, xml: scenario.xml });
    const trace = new TraceRecorder();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${scenario.name}: the instance did not complete in ${timeoutMs} ms (steps so far: ${trace.steps.join(', ')})`)), timeoutMs);
        this.running.set(caseId, { scenario, trace, seen: new Set(), done: () => { clearTimeout(timer); resolve(); } });
        this.engine.startInstance({ processId: scenario.processId, variables: scenario.variables }).catch(reject);
      });
    } finally {
      this.running.delete(caseId);
    }
    return trace.result();
  }
}

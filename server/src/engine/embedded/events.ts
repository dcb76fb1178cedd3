/**
 * The events an instance reacts to, each one synchronous advance of its document. The engine
 * loads the document, calls one of these, and saves it with a version guard.
 */
import type { Variables } from '../port.ts';
import { jobDueField, NEVER, subKey, type JobState } from './state.ts';
import { MigrationStep } from './migrate.ts';
import { addDuration } from './time.ts';

const MAX_CORRELATED = 100;

export class Step extends MigrationStep {
  /** Jobs locked by this step for a local worker (dispatched after the save). */
  readonly lockedJobs: JobState[] = [];

  /** Starts the instance at a start event (none, message or timer). */
  start(startNodeId: string, vars: Variables): void {
    this.run(() => {
      this.setLocal(this.root, vars);
      this.log(null, 'activated');
      this.openScopeEventSubProcesses(this.root, null);
      const start = this.newToken(startNodeId, this.root);
      this.log(start, 'activated');
      this.complete(start);
    });
  }

  /** Completing a job that is no longer open is harmless (a job may be delivered twice). */
  completeJob(jobKey: string, vars: Variables): boolean {
    const job = this.doc.jobs.find((j) => j.key === jobKey);
    if (!job) return false;
    this.doc.jobs = this.doc.jobs.filter((j) => j !== job);
    this.run(() => this.complete(this.token(job.elementInstanceKey)!, vars));
    return true;
  }

  /** https://docs.camunda.io/docs/components/concepts/job-workers/#completing-or-failing-jobs */
  failJob(jobKey: string, retries: number, backoffMs: number, message: string): boolean {
    if (!this.doc.jobs.some((j) => j.key === jobKey)) return false;
    this.failJobState(jobKey, Math.max(0, retries), backoffMs, message);
    return true;
  }

  jobError(jobKey: string, errorCode: string, errorMessage: string, vars: Variables): boolean {
    const job = this.doc.jobs.find((j) => j.key === jobKey);
    if (!job) return false;
    this.doc.jobs = this.doc.jobs.filter((j) => j !== job);
    this.run(() => this.throwError(this.token(job.elementInstanceKey)!, errorCode, errorMessage, vars, job.key));
    return true;
  }

  /** Locks a job for a worker until `until`. */
  lockJob(jobKey: string, worker: string, until: number): boolean {
    const job = this.doc.jobs.find((j) => j.key === jobKey);
    if (!job || job.due > this.env.now) return false;
    job.worker = worker;
    job.due = until;
    this.lockedJobs.push(job);
    return true;
  }

  completeTask(taskKey: string, vars: Variables): boolean {
    const task = this.doc.tasks.find((t) => t.key === taskKey);
    if (!task) return false;
    const token = this.token(task.elementInstanceKey)!;
    this.closeTask(token, vars);
    this.run(() => this.complete(token, vars));
    return true;
  }

  /** A published message meets an open subscription; each message correlates once per instance. */
  correlate(subKey: string, messageKey: string, vars: Variables): boolean {
    const sub = this.doc.subs.find((s) => s.key === subKey);
    if (!sub || this.doc.correlated.includes(messageKey)) return false;
    this.doc.correlated = [...this.doc.correlated, messageKey].slice(-MAX_CORRELATED);
    const node = this.node(sub.nodeId);
    const stays = (node.type === 'boundaryEvent' || node.type === 'startEvent') && node.interrupting === false;
    if (!stays) this.doc.subs = this.doc.subs.filter((s) => s !== sub);
    this.run(() => this.trigger(sub.nodeId, sub.owner, vars));
    return true;
  }

  /** A due timer fires; a cycle on a non-interrupting event is scheduled again. */
  fireTimer(timerKey: string): boolean {
    const timer = this.doc.timers.find((t) => t.key === timerKey);
    if (!timer || timer.due > this.env.now) return false;
    const node = this.node(timer.nodeId);
    const again = timer.interval && node.interrupting === false && (timer.repetitions === -1 || (timer.repetitions ?? 0) > 1);
    if (again) {
      timer.due = addDuration(timer.due, timer.interval!);
      if (timer.repetitions! > 0) timer.repetitions!--;
    } else {
      this.doc.timers = this.doc.timers.filter((t) => t !== timer);
    }
    this.run(() => this.trigger(timer.nodeId, timer.owner, {}));
    return true;
  }

  /** Terminates every element (and child instances) and ends the instance. */
  cancel(): void {
    if (this.doc.state !== 'active') return;
    this.run(() => {
      for (const t of this.children(this.root)) this.terminate(t);
      this.doc.joins = {};
      this.endInstance('terminated');
    });
  }

  setVariables(scopeKey: string, vars: Variables, local: boolean): void {
    if (local) this.setLocal(scopeKey, vars);
    else this.propagate(scopeKey, vars);
  }

  /** Resolves an incident: a job gets retries again, anything else retries the step that failed. */
  resolveIncident(incidentKey: string, retries: number): boolean {
    const incident = this.doc.incidents.find((i) => i.key === incidentKey);
    if (!incident) return false;
    this.doc.incidents = this.doc.incidents.filter((i) => i !== incident);
    this.log({ key: incident.elementInstanceKey, nodeId: incident.elementId }, 'resolved');
    const token = this.token(incident.elementInstanceKey);
    if (!token) return true;
    const job = incident.jobKey ? this.doc.jobs.find((j) => j.key === incident.jobKey) : undefined;
    if (job) {
      job.retries = retries;
      job.due = this.env.now;
      token.state = 'waiting';
      this.newJobs.push(job);
      return true;
    }
    const pending = token.pending;
    token.pending = undefined;
    this.run(() => {
      if (pending === 'inputs') this.enter(token);
      else if (pending === 'complete') this.complete(token);
      else this.behave(token);
    });
    return true;
  }

  /** The called process completed: its variables come back as Zeebe propagates them. */
  childDone(elementInstanceKey: string, childKey: string, vars: Variables): boolean {
    const token = this.token(elementInstanceKey);
    if (!token || token.child !== childKey) return false;
    const node = this.node(token.nodeId);
    token.child = undefined;
    // Output mappings see every child variable; without them, all propagate unless propagateAllChildVariables is false.
    // https://docs.camunda.io/docs/components/modeler/bpmn/call-activities/#variable-mappings
    this.run(() => this.complete(token, node.outputs.length || node.called!.propagateAllChildVariables ? vars : {}));
    return true;
  }

  childError(elementInstanceKey: string, childKey: string, errorCode: string, errorMessage: string, vars: Variables): boolean {
    const token = this.token(elementInstanceKey);
    if (!token || token.child !== childKey) return false;
    this.run(() => this.throwError(token, errorCode, errorMessage, vars));
    return true;
  }

  /** The called process could not be started (no such process). */
  childNotStarted(elementInstanceKey: string, childKey: string, message: string): boolean {
    const token = this.token(elementInstanceKey);
    if (!token || token.child !== childKey) return false;
    token.child = undefined;
    this.incident(token, 'CALLED_ELEMENT_ERROR', message, 'behave');
    return true;
  }

  /** Called before the save: the earliest timer is indexed for the scheduler. */
  finish(): void {
    const due = this.doc.timers.reduce((m, t) => Math.min(m, t.due), NEVER);
    this.doc.nextTimerAt = due === NEVER ? null : due;
    const jobDue: Record<string, number> = {};
    for (const j of this.doc.jobs) {
      const f = jobDueField(j.type);
      if (j.due < NEVER) jobDue[f] = Math.min(jobDue[f] ?? NEVER, j.due);
    }
    this.doc.jobDue = jobDue;
    this.doc.subKeys = [...new Set(this.doc.subs.map((s) => subKey(s.name, s.correlationKey)))];
  }
}

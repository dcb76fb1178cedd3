import { createHash } from 'node:crypto';

/**
 * What the Zeebe gateway test double remembers. It does NOT execute BPMN: a test creates the jobs it
 * wants delivered (`addJob`), as if the broker had reached those elements. It keeps what the adapter's
 * requests can be checked against: deployed versions (an unchanged resource keeps its version, as in
 * Zeebe), instances, jobs and their locks, incidents, messages and variables. Keys are int64 strings
 * above 2^53, as on a broker's fifth partition, so any loss of precision in the adapter shows.
 */
export interface DoubleJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
  retries: number;
  /** Epoch ms until which the job is locked to `worker`; 0 when activatable. */
  deadline: number;
  worker: string;
  /** Epoch ms before which the job is not handed out (retry back-off). */
  availableAt: number;
  state: 'open' | 'failed';
  activations: number;
}

export interface DoubleProcess { bpmnProcessId: string; version: number; key: string; checksum: string; resourceName: string; xml: string }
export interface DoubleInstance { key: string; bpmnProcessId: string; version: number; definitionKey: string; state: 'active' | 'canceled'; variables: Record<string, unknown> }
export interface DoubleIncident { key: string; jobKey: string; processInstanceKey: string; errorMessage: string }
export interface DoubleMessage { key: string; name: string; correlationKey: string; timeToLive: number; messageId: string; variables: Record<string, unknown>; expiresAt: number }

export class GrpcFault extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

export class DoubleState {
  private next = 5n << 51n;
  readonly processes: DoubleProcess[] = [];
  readonly instances = new Map<string, DoubleInstance>();
  readonly jobs = new Map<string, DoubleJob>();
  readonly incidents = new Map<string, DoubleIncident>();
  readonly messages: DoubleMessage[] = [];
  readonly variableUpdates: Array<{ key: string; elementInstanceKey: string; variables: Record<string, unknown>; local: boolean }> = [];

  key(): string {
    this.next += 1n;
    return this.next.toString();
  }

  deploy(name: string, xml: string): DoubleProcess[] {
    const ids = [...xml.matchAll(/<(?:\w+:)?process\b[^>]*\bid="([^"]+)"[^>]*isExecutable="true"/g)].map((m) => m[1]);
    if (ids.length === 0) throw new GrpcFault(3, `Expected to deploy new resources, but encountered the following errors: '${name}': no executable process`);
    const checksum = createHash('sha256').update(xml).digest('hex');
    return ids.map((bpmnProcessId) => {
      const versions = this.processes.filter((p) => p.bpmnProcessId === bpmnProcessId);
      const latest = versions[versions.length - 1];
      if (latest && latest.checksum === checksum) return latest;
      const process = { bpmnProcessId, version: (latest?.version ?? 0) + 1, key: this.key(), checksum, resourceName: name, xml };
      this.processes.push(process);
      return process;
    });
  }

  createInstance(bpmnProcessId: string, version: number, definitionKey: string, variables: Record<string, unknown>): DoubleInstance {
    const candidates = definitionKey && definitionKey !== '0'
      ? this.processes.filter((p) => p.key === definitionKey)
      : this.processes.filter((p) => p.bpmnProcessId === bpmnProcessId && (version < 0 || p.version === version));
    const process = candidates[candidates.length - 1];
    if (!process) throw new GrpcFault(5, `Expected to find process definition with process ID '${bpmnProcessId}'${version >= 0 ? ` and version '${version}'` : ''}, but none found`);
    const instance: DoubleInstance = { key: this.key(), bpmnProcessId: process.bpmnProcessId, version: process.version, definitionKey: process.key, state: 'active', variables };
    this.instances.set(instance.key, instance);
    return instance;
  }

  /** Creates an activatable job in an active instance, as if the broker had reached `elementId`. */
  addJob(instanceKey: string, job: { type: string; elementId: string; customHeaders?: Record<string, string>; variables?: Record<string, unknown>; retries?: number; key?: string; elementInstanceKey?: string }): DoubleJob {
    const instance = this.instances.get(instanceKey);
    if (!instance) throw new Error(`no instance ${instanceKey} in the gateway double`);
    const created: DoubleJob = {
      key: job.key ?? this.key(), type: job.type, processInstanceKey: instance.key, bpmnProcessId: instance.bpmnProcessId,
      processDefinitionVersion: instance.version, processDefinitionKey: instance.definitionKey, elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey ?? this.key(), customHeaders: job.customHeaders ?? {},
      variables: { ...instance.variables, ...job.variables }, retries: job.retries ?? 3, deadline: 0, worker: '', availableAt: 0, state: 'open', activations: 0,
    };
    this.jobs.set(created.key, created);
    return created;
  }

  activatable(type: string, now: number): DoubleJob[] {
    return [...this.jobs.values()].filter((j) => j.type === type && j.state === 'open' && j.deadline <= now && j.availableAt <= now);
  }

  openJob(key: string): DoubleJob {
    const job = this.jobs.get(key);
    if (!job) throw new GrpcFault(5, `Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to find job with key '${key}', but no such job was found`);
    if (job.state === 'failed') throw new GrpcFault(9, `Expected to process job with key '${key}', but it is in state 'FAILED'`);
    return job;
  }

  cancel(key: string): void {
    const instance = this.instances.get(key);
    if (!instance || instance.state !== 'active') throw new GrpcFault(5, `Expected to cancel a process instance with key '${key}', but no such process was found`);
    instance.state = 'canceled';
    for (const job of [...this.jobs.values()]) if (job.processInstanceKey === key) this.jobs.delete(job.key);
  }

  scopeExists(key: string): boolean {
    return this.instances.get(key)?.state === 'active' || [...this.jobs.values()].some((j) => j.elementInstanceKey === key);
  }
}

import * as grpc from '@grpc/grpc-js';
import { loadGatewayService } from './proto.ts';
import { LongPolls } from './long-poll.ts';
import { DoubleState, GrpcFault, type DoubleJob, type DoubleProcess } from './state.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- gRPC requests are dynamic objects decoded from the proto */

/** One request the adapter sent, as the gateway decoded it. */
export interface RecordedCall { method: string; request: any; at: number }

export interface GatewayDouble {
  /** `127.0.0.1:<port>` for ZEEBE_GRPC_ADDRESS. */
  address: string;
  state: DoubleState;
  calls: RecordedCall[];
  callsOf(method: string): any[];
  /** Makes a job available and wakes waiting ActivateJobs calls. */
  addJob(...args: Parameters<DoubleState['addJob']>): DoubleJob;
  /** Called after each CreateProcessInstance, to let a test place the jobs the broker would create. */
  onInstanceCreated?: (instanceKey: string, bpmnProcessId: string) => void;
  /** Answers the next call of `method` with this gRPC status instead of handling it. */
  failNext(method: string, code: number, message: string): void;
  close(): Promise<void>;
}

const json = (text: string) => (text ? JSON.parse(text) as Record<string, unknown> : {});

/**
 * A gRPC TEST DOUBLE of the Zeebe gateway, served with @grpc/grpc-js on 127.0.0.1:0 from the
 * gateway.proto shipped inside @camunda8/sdk. It implements just enough of Topology, DeployResource,
 * CreateProcessInstance, ActivateJobs (server streaming with long polling and lock timeouts),
 * CompleteJob, FailJob, ThrowError, PublishMessage, CancelProcessInstance, SetVariables,
 * ResolveIncident and UpdateJobRetries to check what the adapter sends and how it handles answers.
 * It is not Zeebe: it runs no BPMN (see state.ts).
 */
export async function startGatewayDouble(): Promise<GatewayDouble> {
  const state = new DoubleState();
  const calls: RecordedCall[] = [];
  const faults = new Map<string, { code: number; message: string }>();
  const polls = new LongPolls();
  const wake = () => polls.wake();
  const server = new grpc.Server();

  const double: GatewayDouble = {
    address: '',
    state,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    addJob: (...args) => {
      const job = state.addJob(...args);
      wake();
      return job;
    },
    failNext: (method, code, message) => { faults.set(method, { code, message }); },
    close: () => new Promise<void>((resolve) => {
      polls.close();
      server.tryShutdown(() => resolve());
      setTimeout(() => { server.forceShutdown(); resolve(); }, 500).unref();
    }),
  };

  const unary = (method: string, handle: (request: any) => unknown): grpc.handleUnaryCall<any, any> => (call, callback) => {
    calls.push({ method, request: call.request, at: Date.now() });
    const fault = faults.get(method);
    if (fault) {
      faults.delete(method);
      callback({ code: fault.code, details: fault.message });
      return;
    }
    try {
      callback(null, handle(call.request));
      wake();
    } catch (error) {
      if (error instanceof GrpcFault) callback({ code: error.code, details: error.message });
      else callback({ code: grpc.status.INTERNAL, details: (error as Error).message });
    }
  };

  const wire = (job: DoubleJob, fetch: string[]) => ({
    key: job.key, type: job.type, processInstanceKey: job.processInstanceKey, bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion, processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, customHeaders: JSON.stringify(job.customHeaders),
    worker: job.worker, retries: job.retries, deadline: String(job.deadline),
    variables: JSON.stringify(fetch.length ? Object.fromEntries(Object.entries(job.variables).filter(([k]) => fetch.includes(k))) : job.variables),
    tenantId: '<default>',
  });

  const activateJobs: grpc.handleServerStreamingCall<any, any> = (call) => {
    const request = call.request;
    calls.push({ method: 'ActivateJobs', request, at: Date.now() });
    polls.activate(call, (now) => {
      const jobs = state.activatable(request.type, now).slice(0, Math.max(1, Number(request.maxJobsToActivate)));
      for (const job of jobs) {
        job.deadline = now + Number(request.timeout);
        job.worker = request.worker;
        job.activations += 1;
      }
      return jobs.map((j) => wire(j, request.fetchVariable ?? []));
    });
  };

  server.addService(loadGatewayService(), {
    Topology: unary('Topology', () => ({
      brokers: [{ nodeId: 0, host: '127.0.0.1', port: 26501, version: '8.5.5-test-double', partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }] }],
      clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.5.5-test-double',
    })),
    DeployResource: unary('DeployResource', (r) => {
      const deployments: DoubleProcess[] = r.resources.flatMap((res: { name: string; content: Buffer }) => state.deploy(res.name, Buffer.from(res.content).toString('utf8')));
      return {
        key: state.key(), tenantId: '<default>',
        deployments: deployments.map((p) => ({ process: { bpmnProcessId: p.bpmnProcessId, version: p.version, processDefinitionKey: p.key, resourceName: p.resourceName, tenantId: '<default>' } })),
      };
    }),
    CreateProcessInstance: unary('CreateProcessInstance', (r) => {
      const instance = state.createInstance(r.bpmnProcessId, Number(r.version), r.processDefinitionKey, json(r.variables));
      double.onInstanceCreated?.(instance.key, instance.bpmnProcessId);
      return { processDefinitionKey: instance.definitionKey, bpmnProcessId: instance.bpmnProcessId, version: instance.version, processInstanceKey: instance.key, tenantId: '<default>' };
    }),
    ActivateJobs: activateJobs,
    CompleteJob: unary('CompleteJob', (r) => {
      const job = state.openJob(r.jobKey);
      state.jobs.delete(job.key);
      Object.assign(state.instances.get(job.processInstanceKey)!.variables, json(r.variables));
      return {};
    }),
    FailJob: unary('FailJob', (r) => {
      const job = state.openJob(r.jobKey);
      job.retries = Number(r.retries);
      job.deadline = 0;
      if (job.retries > 0) {
        job.availableAt = Date.now() + Number(r.retryBackOff);
      } else {
        job.state = 'failed';
        const incident = { key: state.key(), jobKey: job.key, processInstanceKey: job.processInstanceKey, errorMessage: r.errorMessage };
        state.incidents.set(incident.key, incident);
      }
      return {};
    }),
    ThrowError: unary('ThrowError', (r) => {
      state.jobs.delete(state.openJob(r.jobKey).key);
      return {};
    }),
    PublishMessage: unary('PublishMessage', (r) => {
      const now = Date.now();
      if (r.messageId && state.messages.some((m) => m.messageId === r.messageId && m.name === r.name && m.correlationKey === r.correlationKey && m.expiresAt > now)) {
        throw new GrpcFault(grpc.status.ALREADY_EXISTS, `Expected to publish a new message with id '${r.messageId}', but a message with that id was already published`);
      }
      const message = { key: state.key(), name: r.name, correlationKey: r.correlationKey, timeToLive: Number(r.timeToLive), messageId: r.messageId, variables: json(r.variables), expiresAt: now + Number(r.timeToLive) };
      state.messages.push(message);
      return { key: message.key, tenantId: '<default>' };
    }),
    CancelProcessInstance: unary('CancelProcessInstance', (r) => { state.cancel(r.processInstanceKey); return {}; }),
    SetVariables: unary('SetVariables', (r) => {
      if (!state.scopeExists(r.elementInstanceKey)) throw new GrpcFault(grpc.status.NOT_FOUND, `Expected to update variables for element with key '${r.elementInstanceKey}', but no such element was found`);
      const update = { key: state.key(), elementInstanceKey: r.elementInstanceKey, variables: json(r.variables), local: Boolean(r.local) };
      state.variableUpdates.push(update);
      return { key: update.key };
    }),
    ResolveIncident: unary('ResolveIncident', (r) => {
      const incident = state.incidents.get(r.incidentKey);
      if (!incident) throw new GrpcFault(grpc.status.NOT_FOUND, `Expected to resolve incident with key '${r.incidentKey}', but no such incident was found`);
      state.incidents.delete(incident.key);
      const job = state.jobs.get(incident.jobKey);
      if (job && job.retries > 0) job.state = 'open';
      return {};
    }),
    UpdateJobRetries: unary('UpdateJobRetries', (r) => {
      const job = state.jobs.get(r.jobKey);
      if (!job) throw new GrpcFault(grpc.status.NOT_FOUND, `Expected to update retries for job with key '${r.jobKey}', but no such job was found`);
      job.retries = Number(r.retries);
      return {};
    }),
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));

  double.address = `127.0.0.1:${port}`;
  return double;
}

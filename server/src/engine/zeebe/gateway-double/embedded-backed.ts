import * as grpc from '@grpc/grpc-js';
import { AppError } from '../../../shared/errors.ts';
import type { Job, JobResult, UserTask, WorkflowEngine } from '../../port.ts';
import { USER_TASK_JOB_TYPE, userTaskHeaders } from '../user-tasks.ts';
import { loadGatewayService } from './proto.ts';
import { LongPolls } from './long-poll.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- gRPC requests are dynamic objects decoded from the proto */

interface Pending { job: Job; settle?: (result: JobResult) => void; lockedUntil: number }

/**
 * A gRPC TEST DOUBLE of the Zeebe gateway whose answers come from an engine behind the port (the
 * embedded executor), so the engine contract suite can drive the Zeebe adapter end to end through
 * the real gateway protocol. It tests the adapter's translation — requests, answers, job and
 * user-task handling over gRPC — on the embedded executor's semantics. It is not Zeebe and proves
 * nothing about Zeebe's behaviour.
 *
 * Jobs: the first ActivateJobs of a type registers a worker on the backing engine whose handler
 * parks each job until CompleteJob / FailJob / ThrowError settles it. User tasks: each task the
 * backing engine announces becomes an `io.camunda.zeebe:userTask` job with the assignment headers
 * Zeebe sets; CompleteJob on it completes the task.
 */
export async function startEmbeddedBackedGateway(engine: WorkflowEngine): Promise<{ address: string; close(): Promise<void> }> {
  const pending = new Map<string, Pending>();
  const workers = new Set<string>();
  const polls = new LongPolls();
  const wake = () => polls.wake();

  engine.onUserTask(async (event) => {
    if (event.type === 'created') pending.set(event.task.key, { job: jobOfTask(event.task), lockedUntil: 0 });
    else pending.delete(event.task.key);
    wake();
  });

  const fault = (error: unknown) => {
    const e = error as AppError;
    const code = e instanceof AppError
      ? ({ 404: grpc.status.NOT_FOUND, 409: grpc.status.ALREADY_EXISTS, 400: grpc.status.INVALID_ARGUMENT, 422: grpc.status.INVALID_ARGUMENT } as Record<number, number>)[e.status] ?? grpc.status.INTERNAL
      : grpc.status.INTERNAL;
    return { code, details: (error as Error).message };
  };
  const unary = (handle: (request: any) => Promise<unknown>): grpc.handleUnaryCall<any, any> => (call, callback) => {
    handle(call.request).then((answer) => { callback(null, answer); wake(); }, (error) => callback(fault(error)));
  };
  const json = (text: string) => (text ? JSON.parse(text) as Record<string, unknown> : {});

  const ensureWorker = (type: string, timeoutMs: number) => {
    if (type === USER_TASK_JOB_TYPE || workers.has(type)) return;
    workers.add(type);
    engine.registerWorker(type, (job) => new Promise<JobResult>((settle) => {
      pending.set(job.key, { job, settle, lockedUntil: 0 });
      wake();
    }), { timeoutMs, maxActiveJobs: 32 });
  };

  const settle = (jobKey: string, result: JobResult) => {
    const parked = pending.get(jobKey);
    if (!parked?.settle) throw new AppError({ status: 404, code: 'NOT_FOUND', zh: '作业不存在', en: `no job ${jobKey}` });
    pending.delete(jobKey);
    parked.settle(result);
    return {};
  };

  const activateJobs: grpc.handleServerStreamingCall<any, any> = (call) => {
    const r = call.request;
    ensureWorker(r.type, Number(r.timeout));
    polls.activate(call, (now) => {
      const ready = [...pending.values()].filter((p) => p.job.type === r.type && p.lockedUntil <= now).slice(0, Math.max(1, Number(r.maxJobsToActivate)));
      for (const p of ready) p.lockedUntil = now + Number(r.timeout);
      return ready.map((p) => wire(p.job, r.worker, p.lockedUntil));
    });
  };

  const server = new grpc.Server();
  server.addService(loadGatewayService(), {
    Topology: unary(async () => ({ brokers: [], clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: 'embedded-backed-test-double' })),
    DeployResource: unary(async (r) => {
      const deployed = [];
      for (const res of r.resources) deployed.push(...await engine.deploy({ name: res.name, xml: Buffer.from(res.content).toString('utf8') }));
      return { key: deployed[0]?.key ?? '0', tenantId: '<default>', deployments: deployed.map((d) => ({ process: { bpmnProcessId: d.processId, version: d.version, processDefinitionKey: d.key, resourceName: r.resources[0].name, tenantId: '<default>' } })) };
    }),
    CreateProcessInstance: unary(async (r) => {
      const started = await engine.startInstance({ processId: r.bpmnProcessId, ...(Number(r.version) > 0 ? { version: Number(r.version) } : {}), variables: json(r.variables) });
      return { processDefinitionKey: '0', bpmnProcessId: started.processId, version: started.version, processInstanceKey: started.processInstanceKey, tenantId: '<default>' };
    }),
    ActivateJobs: activateJobs,
    CompleteJob: unary(async (r) => {
      if (pending.get(r.jobKey)?.settle) return settle(r.jobKey, { outcome: 'complete', variables: json(r.variables) });
      // A user task's job (or a key the engine does not know: it answers 404, which becomes NOT_FOUND).
      pending.delete(r.jobKey);
      await engine.completeUserTask(r.jobKey, json(r.variables));
      return {};
    }),
    FailJob: unary(async (r) => settle(r.jobKey, { outcome: 'fail', errorMessage: r.errorMessage, retries: Number(r.retries), retryBackoffMs: Number(r.retryBackOff) })),
    ThrowError: unary(async (r) => settle(r.jobKey, { outcome: 'bpmnError', errorCode: r.errorCode, errorMessage: r.errorMessage, variables: json(r.variables) })),
    PublishMessage: unary(async (r) => {
      await engine.publishMessage({ name: r.name, correlationKey: r.correlationKey, variables: json(r.variables), timeToLiveMs: Number(r.timeToLive), ...(r.messageId ? { messageId: r.messageId } : {}) });
      return { key: '0', tenantId: '<default>' };
    }),
    CancelProcessInstance: unary(async (r) => { await engine.cancelInstance(r.processInstanceKey); return {}; }),
    SetVariables: unary(async (r) => { await engine.setVariables(r.elementInstanceKey, json(r.variables), { local: Boolean(r.local) }); return { key: '0' }; }),
    ResolveIncident: unary(async (r) => { await engine.resolveIncident(r.incidentKey); return {}; }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      polls.close();
      server.tryShutdown(() => resolve());
      setTimeout(() => { server.forceShutdown(); resolve(); }, 500).unref();
    }),
  };
}

/** The job Zeebe would create for a job-based user task, headers as Zeebe sets them. */
function jobOfTask(task: UserTask): Job {
  const headers: Record<string, string> = { ...task.customHeaders };
  if (task.assignee) headers[userTaskHeaders.assignee] = task.assignee;
  if (task.candidateGroups.length) headers[userTaskHeaders.candidateGroups] = JSON.stringify(task.candidateGroups);
  if (task.candidateUsers.length) headers[userTaskHeaders.candidateUsers] = JSON.stringify(task.candidateUsers);
  if (task.dueDate) headers[userTaskHeaders.dueDate] = task.dueDate;
  if (task.followUpDate) headers[userTaskHeaders.followUpDate] = task.followUpDate;
  if (task.formKey) headers[userTaskHeaders.formKey] = task.formKey;
  return {
    key: task.key, type: USER_TASK_JOB_TYPE, processInstanceKey: task.processInstanceKey, processId: task.processId, processVersion: task.processVersion,
    elementId: task.elementId, elementInstanceKey: task.elementInstanceKey, retries: 1, customHeaders: headers, variables: task.variables,
  };
}

function wire(job: Job, worker: string, deadline: number) {
  return {
    key: job.key, type: job.type, processInstanceKey: job.processInstanceKey, bpmnProcessId: job.processId, processDefinitionVersion: job.processVersion,
    processDefinitionKey: '0', elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, customHeaders: JSON.stringify(job.customHeaders),
    worker, retries: job.retries, deadline: String(deadline), variables: JSON.stringify(job.variables), tenantId: '<default>',
  };
}

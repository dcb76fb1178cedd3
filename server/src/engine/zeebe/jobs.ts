import type { Zeebe } from '@camunda8/sdk';
import type { Job, JobHandler, JobResult, Variables } from '../port.ts';

type TaskHandler = Parameters<Zeebe.ZeebeGrpcClient['createWorker']>[0]['taskHandler'];
export type SdkJob = Parameters<TaskHandler>[0];
export type Ack = ReturnType<TaskHandler>;
/** The SDK's JSON document type, as its calls take it. */
export type SdkVariables = Parameters<Zeebe.ZeebeGrpcClient['createProcessInstance']>[0]['variables'];

/** Strips the SDK's lossless DTO classes: the port speaks plain JSON objects. */
const plain = <T>(value: unknown): T => JSON.parse(JSON.stringify(value ?? {})) as T;

/** The port's job from the SDK's; int64 keys stay strings end to end. */
export function portJob(job: SdkJob): Job {
  return {
    key: String(job.key),
    type: job.type,
    processInstanceKey: String(job.processInstanceKey),
    processId: job.bpmnProcessId,
    processVersion: Number(job.processDefinitionVersion),
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    retries: Number(job.retries),
    customHeaders: Object.fromEntries(Object.entries(plain<Record<string, unknown>>(job.customHeaders)).map(([k, v]) => [k, String(v)])),
    variables: plain<Variables>(job.variables),
  };
}

/**
 * Runs a handler and turns its decision into the one gateway call it stands for: complete with
 * variables, fail with the retries left (one fewer than now unless the handler says) and a back-off,
 * or throw a BPMN error. A handler that throws fails the job the same way, so a bug never loses a job.
 */
export async function runHandler(job: SdkJob, handler: JobHandler): Promise<{ ack: Awaited<Ack>; result: JobResult }> {
  let result: JobResult;
  try {
    result = await handler(portJob(job));
  } catch (error) {
    result = { outcome: 'fail', errorMessage: (error as Error)?.message ?? String(error) };
  }
  switch (result.outcome) {
    case 'complete':
      return { result, ack: await job.complete(plain(result.variables)) };
    case 'bpmnError':
      return { result, ack: await job.error({ errorCode: result.errorCode, errorMessage: result.errorMessage ?? '', variables: plain(result.variables) }) };
    case 'fail': {
      const retries = Math.max(0, result.retries ?? Number(job.retries) - 1);
      return { result: { ...result, retries }, ack: await job.fail({ errorMessage: result.errorMessage, retries, retryBackOff: result.retryBackoffMs ?? 0 }) };
    }
  }
}

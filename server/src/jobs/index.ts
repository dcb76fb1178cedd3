import type { WorkflowEngine } from '../engine/index.ts';
import { sealJob, type SealDeps } from '../approval/index.ts';
import { issueJob, prepareCertificateJob, type IssuingDeps } from '../issuing/index.ts';
import { notifyJob, type Notifier, type SupervisionLog } from '../notifications/index.ts';
import { hotlineSuperviseJob } from '../hotline/index.ts';
import { renderDocumentJob } from '../review/index.ts';
import { receiveJob, transferJob, type RoutingDeps } from '../routing/index.ts';

export { choice, defineJob, text, type DefinedJob, type HeaderSpec, type JobDefinition, type ParsedJob } from './define.ts';

/** Everything the hall's job handlers need, given once by the composition (hall.ts). */
export type HallJobDeps = RoutingDeps & IssuingDeps & SealDeps & { notifier: Notifier; supervision: SupervisionLog };

/**
 * Every job type of the hall. Adding one: write its definition (type, name, headers, variables,
 * writes, handler) in its feature, add it here, and run `npx tsx scripts/generate-job-files.ts` for
 * its element template and the workflows README table (jobs.test.ts fails while they are stale).
 */
export const jobDefinitions = [receiveJob, transferJob, sealJob, prepareCertificateJob, issueJob, notifyJob, renderDocumentJob, hotlineSuperviseJob] as const;

/** The job types the publishing checks accept: exactly the ones the hall runs. */
export const hallJobTypes: ReadonlySet<string> = new Set(jobDefinitions.map((d) => d.type));

/** Registers a worker for every job type on the engine. */
export function registerJobWorkers(engine: WorkflowEngine, deps: HallJobDeps): void {
  for (const definition of jobDefinitions) engine.registerWorker(definition.type, definition.bind(deps));
}

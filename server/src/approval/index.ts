import type { JobHandler } from '../engine/index.ts';
import { sealJobHandler, type SealDeps } from './seal.ts';

export { ATTACHMENT_MAX, sniffType } from './attachments.ts';
export { defaultAgency, type ApprovalDeps } from './context.ts';
export type { SealDeps } from './seal.ts';
export { attachmentModel, decisionModel, sealUseModel, type DecisionDoc, type SealUse } from './models.ts';
export { approvalRoutes } from './routes.ts';
export { completeTask, recordCompletion, recoverCompletions } from './complete.ts';
export { claim as claimTask } from './actions.ts';
export { OPINION_MAX } from './schemas.ts';
export { sealAuthority } from './decide.ts';

/** The job handlers this feature owns, by job type; the engine's wiring registers them. */
export function approvalJobHandlers(deps: SealDeps): Record<string, JobHandler> {
  return { seal: sealJobHandler(deps) };
}


export { ATTACHMENT_MAX, sniffType } from './attachments.ts';
export { defaultAgency, type ApprovalDeps } from './context.ts';
export { sealJob, type SealDeps } from './seal.ts';
export { attachmentModel, decisionModel, sealUseModel, type DecisionDoc, type SealUse } from './models.ts';
export { approvalRoutes } from './routes.ts';
export { completeTask, recordCompletion, recoverCompletions } from './complete.ts';
export { claim as claimTask } from './actions.ts';
export { OPINION_MAX } from './schemas.ts';
export { sealAuthority } from './decide.ts';

export { caseModel, caseStatuses, caseStatusNames, type Case, type CaseStage, type CaseStatus } from './case.model.ts';
export { isValidIdNumber, isValidUscc, maskName, maskPhone } from './identity.ts';
export type { CaseProcessStarter, NoticeIssuer } from './ports.ts';
export { intakeRoutes } from './routes.ts';
export { IntakeService, type IntakeDeps } from './service.ts';
export { IntakeTimers } from './timers.ts';
export { engineProcessStarter } from './process-starter.ts';
export { CaseClock } from './clock.ts';
export { caseProgressListener } from './progress.ts';

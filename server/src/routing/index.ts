export { dueInstant, deadlineVariables, warnDate } from './deadlines.ts';
export { caseVariables, noCase, receiveJob, transferJob, type RoutingDeps } from './handlers.ts';

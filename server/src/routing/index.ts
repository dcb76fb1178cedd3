export { dueInstant, deadlineVariables, warnDate } from './deadlines.ts';
export { caseOf, noCase, routingJobHandlers, type RoutingDeps } from './handlers.ts';

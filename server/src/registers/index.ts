export { registerRoutes, type RegisterDeps } from './routes.ts';
export { deadlineState, deadlineStates, type DeadlineState } from './deadline.ts';
export { toCsv, type Column } from './csv.ts';

export { monitoringRoutes } from './routes.ts';
export { stuckCases, type StuckCase } from './stuck-cases.ts';

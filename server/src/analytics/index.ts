export { Analytics, type AnalyticsDeps, type OpenStep } from './analytics.ts';
export { analyticsRoutes } from './routes.ts';
export { caseFactModel, taskFactModel, type CaseFact, type TaskFact } from './facts.ts';
export { bottlenecks, breakdown, hallFigures, windowAssessment } from './reports.ts';

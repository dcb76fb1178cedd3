export { forecastRoutes } from './routes.ts';
export { forecastOf, DEFAULT_STEP_DAYS, type Forecast } from './forecast.ts';
export { stepsAhead, type AheadStep } from './walk.ts';
export { judge } from './condition.ts';

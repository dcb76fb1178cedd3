export { chinaToday, delegationModel, startOfChinaDay, type Delegation } from './model.ts';
export { delegationRoutes } from './routes.ts';
export { delegationService, type DelegationService } from './service.ts';

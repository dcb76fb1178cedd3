export { monitoringRoutes } from './routes.ts';
export { stuckCases, type StuckCase } from './stuck-cases.ts';
export { supervisionOrders, type SupervisionOrders } from './orders.ts';
export { supervisionRoutes } from './order-routes.ts';
export { supervisionOrderModel, supervisionLevels, type SupervisionOrder } from './order.model.ts';

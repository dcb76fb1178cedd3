export { queueRoutes, type QueueRouteDeps } from './routes.ts';
export { queues, queueOf, type QueueCode } from './queues.ts';

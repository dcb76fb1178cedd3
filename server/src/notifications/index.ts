export { notifyJob } from './handlers.ts';
export { notificationModel, outboxNotifier, type Notification, type Notifier } from './notifier.ts';
export { supervisionLog, supervisionModel, type Supervision, type SupervisionLog } from './supervision.ts';

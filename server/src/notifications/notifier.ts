import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The notifier port: how the platform tells an applicant (or staff) something. Now an outbox in
 * MongoDB that a gateway drains; an SMS gateway plugs in behind the same port later.
 */
export interface Notification {
  caseNumber: string;
  template: string;
  audience: 'applicant' | 'staff' | 'director';
  level?: 'yellow' | 'red';
  /** Masked for the log; the gateway looks the full number up on the case when it sends. */
  to?: string;
  text: string;
  createdAt: Date;
  status: 'queued' | 'sent' | 'failed';
  /** The job (or event) that caused it: a redelivered job does not notify twice. */
  sourceKey: string;
}

export interface Notifier {
  send(notification: Omit<Notification, 'createdAt' | 'status'>): Promise<void>;
}

const schema = new Schema<Notification>({
  caseNumber: { type: String, required: true, index: true },
  template: { type: String, required: true },
  audience: { type: String, enum: ['applicant', 'staff', 'director'], required: true },
  level: { type: String, enum: ['yellow', 'red'] },
  to: String,
  text: { type: String, required: true },
  createdAt: { type: Date, required: true },
  status: { type: String, enum: ['queued', 'sent', 'failed'], default: 'queued', index: true },
  sourceKey: { type: String, required: true, unique: true },
});

export const notificationModel = (connection: Connection): Model<Notification> =>
  (connection.models.Notification as Model<Notification>) ?? connection.model<Notification>('Notification', schema, 'notifications');

/** The outbox implementation: one document per notification, idempotent by `sourceKey`. */
export function outboxNotifier(connection: Connection, clock: () => Date = () => new Date()): Notifier {
  const model = notificationModel(connection);
  return {
    async send(notification) {
      await model.updateOne({ sourceKey: notification.sourceKey }, { $setOnInsert: { ...notification, createdAt: clock(), status: 'queued' } }, { upsert: true });
    },
  };
}

import { Schema, type Connection, type Model } from 'mongoose';

/** 督办: a supervision record opened when a step or a case is overdue (DOMAIN.md §8). */
export interface Supervision {
  caseNumber: string;
  departmentCode: string;
  reason: string;
  elementId: string;
  /** reminder → 督办通知 → 约谈/通报 */
  level: 'reminder' | 'notice' | 'interview';
  openedAt: Date;
  closedAt?: Date;
  sourceKey: string;
}

const schema = new Schema<Supervision>({
  caseNumber: { type: String, required: true, index: true },
  departmentCode: { type: String, required: true, index: true },
  reason: String,
  elementId: String,
  level: { type: String, enum: ['reminder', 'notice', 'interview'], default: 'reminder' },
  openedAt: Date,
  closedAt: Date,
  sourceKey: { type: String, required: true, unique: true },
});

export const supervisionModel = (connection: Connection): Model<Supervision> =>
  (connection.models.Supervision as Model<Supervision>) ?? connection.model<Supervision>('Supervision', schema, 'supervisions');

export interface SupervisionLog {
  open(record: Pick<Supervision, 'caseNumber' | 'departmentCode' | 'reason' | 'elementId' | 'sourceKey'>): Promise<void>;
}

export function supervisionLog(connection: Connection): SupervisionLog {
  const model = supervisionModel(connection);
  return {
    async open(record) {
      await model.updateOne({ sourceKey: record.sourceKey }, { $setOnInsert: { ...record, level: 'reminder', openedAt: new Date() } }, { upsert: true });
    },
  };
}

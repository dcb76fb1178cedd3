import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** 常用语: an approver's own saved opinion phrases. */
export interface Phrase {
  _id: Types.ObjectId;
  userId: string;
  text: string;
  createdAt: Date;
}

const schema = new Schema<Phrase>({
  userId: { type: String, required: true, index: true },
  text: { type: String, required: true },
  createdAt: { type: Date, required: true },
}, { versionKey: false, collection: 'common_phrases' });
// one phrase once per user: a double click saves it once (a unique index decides races on FerretDB)
schema.index({ userId: 1, text: 1 }, { unique: true });

export const phraseModel = (c: Connection): Model<Phrase> => (c.models.CommonPhrase as Model<Phrase> | undefined) ?? c.model<Phrase>('CommonPhrase', schema);

/** Offered to someone who has saved none yet (the usual opinions of a Chinese approval office). */
export const defaultPhrases = ['同意。', '材料齐全，符合法定条件和标准，同意。', '经审查，符合要求，拟同意，请领导审批。', '材料不全，请按补正通知补齐后再报。', '不符合法定条件，不予许可。'];

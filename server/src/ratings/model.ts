import { Schema, type Connection, type Model } from 'mongoose';
import { guardByIdOnFerretDb } from '../shared/ferretdb-guard.ts';
import { serializeWritesBy } from '../shared/serialize.ts';

import { satisfactionLevels, type SatisfactionLevel } from '../hotline/vocabulary.ts';

/** The five national levels (国办发〔2019〕51号), best first (the hotline's call-back uses the same); the last two are 差评. */
export const ratingLevels = satisfactionLevels;
export type RatingLevel = SatisfactionLevel;
export const badLevels: RatingLevel[] = ['dissatisfied', 'veryDissatisfied'];

/**
 * What is rated besides the whole (DOMAIN.md §9): online 办事效率, 办事指南精确度, 办事便捷度, 平台操作性;
 * at the window 服务效率, 服务水平, 服务态度. 整体满意度 is the level itself.
 */
export const ratingDimensions = ['efficiency', 'guideAccuracy', 'convenience', 'platform', 'serviceLevel', 'attitude'] as const;
export type RatingDimension = (typeof ratingDimensions)[number];

/** 网上一事一评 (public page), 现场一次一评 (window device), 12345 回访. */
export const ratingChannels = ['online', 'window', 'hotline'] as const;
export type RatingChannel = (typeof ratingChannels)[number];

export const rectificationStates = ['open', 'contested', 'rectified', 'voided'] as const;
export type RectificationState = (typeof rectificationStates)[number];

export interface Rectification {
  state: RectificationState;
  processInstanceKey?: string;
  dueAt: Date;
  reply?: { text: string; verification: string; calledBack: boolean; by: string; at: Date; onTime: boolean };
  contest?: { reason: string; by: string; at: Date; outcome?: 'upheld' | 'rejected'; reviewedBy?: string; note?: string };
  closedAt?: Date;
}

/** One rating; `_id` is `case:<case number>` or `hotline:<order number>`, so a thing is rated once. */
export interface Rating {
  _id: string;
  subject: { kind: 'case' | 'hotline'; number: string };
  level: RatingLevel;
  bad: boolean;
  dimensions: Partial<Record<RatingDimension, RatingLevel>>;
  comment?: string;
  channel: RatingChannel;
  /** A named rating (the applicant is known): every named 差评 gets a call-back. */
  named: boolean;
  departmentCode: string;
  matterCode?: string;
  windowNumber?: string;
  /** The clerk who received the case (username). */
  clerk?: string;
  ratedAt: Date;
  rectification?: Rectification;
  rev: number;
}

const schema = new Schema<Rating>({
  _id: { type: String, required: true },
  subject: { kind: { type: String, enum: ['case', 'hotline'] }, number: String },
  level: { type: String, enum: ratingLevels, required: true },
  bad: { type: Boolean, required: true },
  dimensions: { type: Schema.Types.Mixed, default: {} },
  comment: String,
  channel: { type: String, enum: ratingChannels, required: true },
  named: { type: Boolean, default: true },
  departmentCode: { type: String, required: true },
  matterCode: String,
  windowNumber: String,
  clerk: String,
  ratedAt: { type: Date, required: true },
  rectification: {
    type: new Schema({
      state: { type: String, enum: rectificationStates },
      processInstanceKey: String,
      dueAt: Date,
      reply: { text: String, verification: String, calledBack: Boolean, by: String, at: Date, onTime: Boolean },
      contest: { reason: String, by: String, at: Date, outcome: String, reviewedBy: String, note: String },
      closedAt: Date,
    }, { _id: false }),
    default: undefined,
  },
  rev: { type: Number, default: 0 },
}, { versionKey: false });
schema.index({ ratedAt: -1 });
schema.index({ 'rectification.processInstanceKey': 1 });
serializeWritesBy(schema, '_id');
guardByIdOnFerretDb(schema);

export const ratingModel = (c: Connection): Model<Rating> =>
  (c.models.Rating as Model<Rating>) ?? c.model<Rating>('Rating', schema, 'ratings');

import { Schema, type Connection, type Model } from 'mongoose';

export const draftStatuses = ['draft', 'submitted', 'rejected', 'published'] as const;
export type DraftStatus = (typeof draftStatuses)[number];

interface Person { userId: string; username: string }

/** One step of a draft's review, kept in order (提交、退回修改、发布). */
export interface DraftEvent {
  action: 'save' | 'submit' | 'reject' | 'publish';
  by: Person;
  at: Date;
  comment?: string;
  version?: number;
}

/**
 * A process change on its way to publication: written by a department admin or a designer (the
 * author), submitted for review with a comment, then published by someone else (or sent back).
 * `departmentCode` is the department whose matters the process serves (none: hall-wide); CASL rules
 * read it and `authorId`.
 */
export interface ProcessDraft {
  _id: string;
  processId: string;
  name?: string;
  departmentCode?: string;
  authorId: string;
  author: Person;
  xml: string;
  /** Made in the simple designer (简易设计): its node list, so it opens back there. */
  simple?: unknown;
  status: DraftStatus;
  history: DraftEvent[];
  publishedVersion?: number;
  createdAt: Date;
  updatedAt: Date;
}

const person = new Schema<Person>({ userId: { type: String, required: true }, username: { type: String, required: true } }, { _id: false });

const schema = new Schema<ProcessDraft>({
  _id: { type: String, required: true },
  processId: { type: String, required: true },
  name: String,
  departmentCode: String,
  authorId: { type: String, required: true },
  author: { type: person, required: true },
  xml: { type: String, required: true },
  simple: Schema.Types.Mixed,
  status: { type: String, required: true, enum: draftStatuses },
  history: [new Schema<DraftEvent>({
    action: { type: String, required: true }, by: { type: person, required: true }, at: { type: Date, required: true },
    comment: String, version: Number,
  }, { _id: false })],
  publishedVersion: Number,
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
}, { collection: 'process_drafts' });
schema.index({ processId: 1, updatedAt: -1 });

export function processDraftModel(connection: Connection): Model<ProcessDraft> {
  return (connection.models.ProcessDraft as Model<ProcessDraft> | undefined) ?? connection.model<ProcessDraft>('ProcessDraft', schema);
}

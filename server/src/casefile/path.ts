import { Schema, type Connection, type Model } from 'mongoose';
import type { EngineEvent } from '../engine/index.ts';

/**
 * The path a case took through its process: every element entered and left, as the engine reported
 * it (EngineEvent). The task page's diagram marks these. One record per element instance and
 * intent, keyed so that an event delivered twice (after a restart) is stored once.
 */
export interface PathEvent {
  _id: string;
  caseNumber: string;
  processInstanceKey: string;
  elementId: string;
  elementType: string;
  elementInstanceKey: string;
  intent: EngineEvent['intent'];
  at: Date;
}

const schema = new Schema<PathEvent>({
  _id: { type: String, required: true },
  caseNumber: { type: String, required: true, index: true },
  processInstanceKey: String,
  elementId: String,
  elementType: String,
  elementInstanceKey: String,
  intent: String,
  at: Date,
}, { versionKey: false, collection: 'case_path_events' });

export const pathEventModel = (c: Connection): Model<PathEvent> =>
  (c.models.CasePathEvent as Model<PathEvent> | undefined) ?? c.model<PathEvent>('CasePathEvent', schema);

/** Engine listener: records the elements of every instance that belongs to a case. */
export function pathRecorder(db: Connection): (event: EngineEvent) => Promise<void> {
  const events = pathEventModel(db);
  return async (event) => {
    if (!event.caseId || event.intent === 'incident' || event.intent === 'resolved') return;
    try {
      await events.create({
        _id: `${event.elementInstanceKey}:${event.intent}`, caseNumber: event.caseId, processInstanceKey: event.processInstanceKey,
        elementId: event.elementId, elementType: event.elementType, elementInstanceKey: event.elementInstanceKey, intent: event.intent, at: event.at,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error; // a redelivered event: already stored
    }
  };
}

import type { Connection } from 'mongoose';
import type { EngineEvent } from '../engine/index.ts';
import { caseLedger } from '../intake/index.ts';

/**
 * Writes an engine incident and its resolution onto the case's timeline (the case page shows them),
 * found by the instance's `caseId` variable — the case number. Each entry once: an event read again
 * (a record feed replayed after a restart) changes nothing.
 */
export function incidentTimeline(db: Connection): (event: EngineEvent) => Promise<void> {
  const ledger = caseLedger(db);
  return async (event) => {
    if ((event.intent !== 'incident' && event.intent !== 'resolved') || !event.caseId) return;
    await ledger.append(event.caseId, `${event.intent}:${event.elementInstanceKey}:${event.at.getTime()}`, {
      at: event.at,
      type: event.intent === 'incident' ? 'incident' : 'incidentResolved',
      data: { elementId: event.elementId, processId: event.processId, processInstanceKey: event.processInstanceKey },
    });
  };
}

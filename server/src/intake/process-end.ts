import type { EngineEvent } from '../engine/index.ts';
import type { Case } from './case.model.ts';
import type { IntakeService } from './service.ts';

/**
 * What a case becomes when its process instance ends while the case is still accepted — a designer's
 * path that reaches a plain end event without the issuing step:
 * - after a sealed 不予行政许可决定书 (行政许可法第三十八条第二款) or a sealed 准予 decision, the
 *   case is 办结 (`completed`, stage `closed`), with the outcome the decision gave;
 * - with no decision at all it stays `accepted`: the authority still owes a decision within the
 *   time limit (第三十四条、第四十二条), so closing it (办结), refusing it without a written decision
 *   (第三十八条) or terminating it (which is for withdrawal and the like) would each be unlawful. It
 *   is marked `processEnded: none`, loses its current step, and is listed among the stuck cases
 *   for the director to act on.
 * Each end is written once (a redelivered event changes nothing).
 */
export function caseEndListener(intake: IntakeService) {
  return async (event: EngineEvent): Promise<void> => {
    if (event.elementType !== 'process' || event.intent !== 'completed' || !event.caseId) return;
    const caseDoc = await intake.cases.findOne({ caseNumber: event.caseId }, { status: 1, documents: 1, processInstanceKey: 1 }).lean();
    if (!caseDoc || caseDoc.status !== 'accepted' || (caseDoc.processInstanceKey && caseDoc.processInstanceKey !== event.processInstanceKey)) return;
    const kinds = new Set(caseDoc.documents.map((d) => d.kind));
    const outcome = kinds.has('licenceRefusal') ? 'refused' : kinds.has('licenceGrant') ? 'granted' : 'none';
    const processEnded: NonNullable<Case['processEnded']> = { at: event.at, outcome };
    const op = `process:${event.processInstanceKey}:ended`;
    const entry = { at: event.at, data: { outcome, processInstanceKey: event.processInstanceKey } };
    if (outcome === 'none') await intake.ledger.processEndedWithoutOutcome(event.caseId, op, { ...entry, type: 'processEndedWithoutOutcome' }, processEnded);
    else await intake.ledger.complete(event.caseId, op, { ...entry, type: 'completed' }, { processEnded });
  };
}

/**
 * Zeebe's record stream turned into the port's vocabulary: element events (the event log) and
 * incidents. A gateway client cannot read records; an exporter can. `RecordFeed` is what the adapter
 * needs from one: the real Zeebe test engine's loopback side door offers it in the tests
 * (`server/test/engine/zeebe/test-engine.ts`); a production exporter would offer the same two calls.
 */
import type { EngineEvent, Incident } from '../port.ts';

/** One record of the stream, as Zeebe's `Record#toJson` writes it (keys kept as strings). */
export interface ZeebeRecord {
  position: number;
  key: string;
  timestamp: number;
  recordType: string;
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
}

export interface RecordFeed {
  /** Records after a position, oldest first. */
  records(after: number): Promise<ZeebeRecord[]>;
}

/** Parses the JSON of a record list, keeping every int64 key as a string (Zeebe keys can pass 2^53). */
export function parseRecords(json: string): ZeebeRecord[] {
  return JSON.parse(json.replace(/"(\w*[kK]ey)":(-?\d+)/g, '"$1":"$2"')) as ZeebeRecord[];
}

const camel = (snake: string) => snake.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const ELEMENT_INTENTS: Record<string, EngineEvent['intent']> = {
  ELEMENT_ACTIVATED: 'activated', ELEMENT_COMPLETED: 'completed', ELEMENT_TERMINATED: 'terminated',
};

/** The event-log line of a record, when it is an element event or an incident. */
export function eventOf(record: ZeebeRecord, caseIds: ReadonlyMap<string, string>): EngineEvent | undefined {
  if (record.recordType !== 'EVENT') return undefined;
  const v = record.value;
  const instance = String(v.processInstanceKey);
  const base = { processInstanceKey: instance, processId: String(v.bpmnProcessId), at: new Date(record.timestamp), ...(caseIds.has(instance) ? { caseId: caseIds.get(instance) } : {}) };
  if (record.valueType === 'PROCESS_INSTANCE' && ELEMENT_INTENTS[record.intent]) {
    return { ...base, processVersion: Number(v.version), elementId: String(v.elementId), elementType: camel(String(v.bpmnElementType)), elementInstanceKey: record.key, intent: ELEMENT_INTENTS[record.intent] };
  }
  if (record.valueType === 'INCIDENT' && (record.intent === 'CREATED' || record.intent === 'RESOLVED')) {
    return { ...base, processVersion: 0, elementId: String(v.elementId), elementType: 'incident', elementInstanceKey: String(v.elementInstanceKey), intent: record.intent === 'CREATED' ? 'incident' : 'resolved' };
  }
  return undefined;
}

const ERROR_TYPES = new Set<Incident['errorType']>(['JOB_NO_RETRIES', 'EXTRACT_VALUE_ERROR', 'CONDITION_ERROR', 'UNHANDLED_ERROR_EVENT', 'CALLED_ELEMENT_ERROR', 'IO_MAPPING_ERROR']);

/** An incident as the port describes it, from its CREATED record. */
export function incidentOf(record: ZeebeRecord): Incident {
  const v = record.value;
  const errorType = ERROR_TYPES.has(v.errorType as Incident['errorType']) ? (v.errorType as Incident['errorType']) : 'UNKNOWN';
  const jobKey = String(v.jobKey ?? '-1');
  return {
    key: record.key, processInstanceKey: String(v.processInstanceKey), processId: String(v.bpmnProcessId), elementId: String(v.elementId),
    elementInstanceKey: String(v.elementInstanceKey), errorType, errorMessage: String(v.errorMessage ?? ''),
    ...(jobKey !== '-1' && jobKey !== '0' ? { jobKey } : {}), createdAt: new Date(record.timestamp).toISOString(),
  };
}

/**
 * The event log (`engine_events`): one document per group-commit batch, its lines (element
 * activated / completed / terminated, incidents, resolutions) as one BSON binary, with the keys of
 * the instances and the case ids they concern kept top-level (indexed) to find a page by.
 *
 * Why pages: FerretDB 1.24 converts each stored document field by field on every write; a generic
 * case logs about 30 lines, and as one document each they made the larger part of the database's
 * CPU per case once reads were gone (docs/benchmarks.md). Nothing in the platform queries the
 * stored lines (listeners get them from `onEvent`); they are the executor's own record, read with
 * `readEventLog`.
 */
import { Binary, BSON } from 'mongodb';
import type { Collection, Filter } from 'mongodb';
import type { EngineEvent } from '../port.ts';

export interface EventPage {
  at: Date;
  /** Process instance keys of the lines. */
  instances: string[];
  caseIds: string[];
  count: number;
  lines: Binary;
}

export function eventPage(lines: EngineEvent[]): EventPage {
  return {
    at: lines[0].at, instances: [...new Set(lines.map((l) => l.processInstanceKey))],
    caseIds: [...new Set(lines.flatMap((l) => (l.caseId ? [l.caseId] : [])))], count: lines.length,
    lines: new Binary(BSON.serialize({ l: lines })),
  };
}

/** The stored lines (of one instance when given), in the order written. */
export async function readEventLog(pages: Collection<EventPage>, filter: { processInstanceKey?: string } = {}): Promise<EngineEvent[]> {
  const query: Filter<EventPage> = filter.processInstanceKey ? { instances: filter.processInstanceKey } : {};
  const found = await pages.find(query).sort({ _id: 1 }).toArray();
  const lines = found.flatMap((p) => (BSON.deserialize(p.lines.buffer) as { l: EngineEvent[] }).l);
  return filter.processInstanceKey ? lines.filter((l) => l.processInstanceKey === filter.processInstanceKey) : lines;
}

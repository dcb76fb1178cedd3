/**
 * How an instance document is stored: the fields the engine queries stay top-level (state, ids,
 * due times, subscription and element keys), everything else travels as one BSON binary `body`.
 *
 * Why: FerretDB 1.24 turns every stored document into its own JSON-with-schema form and back on
 * each read and write, field by field; an instance's tokens, jobs, tasks and variables made that
 * most of the database's CPU per event (measured: a read plus a save of an instance 7.9 ms of
 * FerretDB CPU as nested fields, 3.8 ms with the same content as one binary). BSON keeps every type
 * exactly (dates stay dates). The document is still the one state document per instance, read
 * and written whole per event.
 */
import { Binary, BSON } from 'mongodb';
import type { InstanceDoc } from './state.ts';

/** Fields of InstanceDoc kept top-level, because a query or an index reads them. */
const TOP = ['_id', 'rev', 'state', 'processId', 'version', 'definitionKey', 'caseId', 'startCorrelationKey', 'createdAt', 'endedAt', 'jobDue', 'subKeys', 'nextTimerAt'] as const;
type Top = (typeof TOP)[number];

export type StoredInstance = Pick<InstanceDoc, Top> & {
  /** Element instance keys (for `setVariables` by scope key). */
  tokenKeys: string[];
  /** Open user task keys. */
  taskKeys: string[];
  /** Open incident keys. */
  incidentKeys: string[];
  /** Ids of deliveries not yet made (redelivered at start). */
  outboxIds: string[];
  body: Binary;
};

export function encode(doc: InstanceDoc): StoredInstance {
  const rest: Record<string, unknown> = { ...doc };
  const top: Record<string, unknown> = {};
  for (const f of TOP) {
    if (doc[f] !== undefined) top[f] = doc[f];
    delete rest[f];
  }
  return {
    ...(top as Pick<InstanceDoc, Top>),
    tokenKeys: doc.tokens.map((t) => t.key), taskKeys: doc.tasks.map((t) => t.key),
    incidentKeys: doc.incidents.map((i) => i.key), outboxIds: doc.outbox.map((o) => o.id),
    body: new Binary(BSON.serialize(rest)),
  };
}

export function decode(stored: StoredInstance): InstanceDoc {
  const { body, tokenKeys: _t, taskKeys: _k, incidentKeys: _i, outboxIds: _o, ...top } = stored;
  const rest = BSON.deserialize(body.buffer) as Omit<InstanceDoc, Top>;
  // Its own copies of the nested top fields: a stored form may be kept (cache.ts) while a step changes the copy.
  return { ...rest, ...top, jobDue: { ...top.jobDue }, subKeys: [...(top.subKeys ?? [])] } as InstanceDoc;
}

/**
 * The executor's MongoDB collections and the definition cache. Deployed XML is stored, so the
 * compiled graph is rebuilt from it after a restart.
 */
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Collection } from 'mongodb';
import type { Variables } from '../port.ts';
import { engineNotFound } from '../errors.ts';
import { compileBpmn } from './compile.ts';
import type { CompiledProcess, TimerSpec } from './model.ts';
import type { StoredInstance } from './codec.ts';
import type { EventPage } from './event-log.ts';

export interface DefinitionDoc {
  _id: string;
  processId: string;
  version: number;
  versionTag?: string;
  checksum: string;
  resourceName: string;
  xml: string;
  deployedAt: Date;
  latest: boolean;
  messageStarts: string[];
  /** Timer start events of the latest version. */
  timers: { nodeId: string; due: number; repetitions?: number; interval?: string; timer: TimerSpec }[];
  nextTimerAt: number | null;
}

export interface MessageDoc {
  _id: string;
  name: string;
  correlationKey: string;
  variables: Variables;
  expiresAt: number;
  messageId?: string;
}

export interface Collections {
  definitions: Collection<DefinitionDoc>;
  instances: Collection<StoredInstance>;
  messages: Collection<MessageDoc>;
  events: Collection<EventPage>;
  counters: Collection<{ _id: string; next: number }>;
}

export function collections(db: Connection): Collections {
  const d = db.db!;
  return {
    definitions: d.collection<DefinitionDoc>('engine_definitions'),
    instances: d.collection<StoredInstance>('engine_instances'),
    messages: d.collection<MessageDoc>('engine_messages'),
    events: d.collection<EventPage>('engine_events'),
    counters: d.collection<{ _id: string; next: number }>('engine_counters'),
  };
}

export async function createIndexes(c: Collections): Promise<void> {
  await Promise.all([
    c.definitions.createIndex({ processId: 1, version: 1 }, { unique: true }),
    c.definitions.createIndex({ latest: 1, messageStarts: 1 }),
    c.definitions.createIndex({ nextTimerAt: 1 }),
    c.instances.createIndex({ subKeys: 1 }),
    c.instances.createIndex({ nextTimerAt: 1 }),
    c.instances.createIndex({ taskKeys: 1 }),
    c.instances.createIndex({ incidentKeys: 1 }),
    c.instances.createIndex({ tokenKeys: 1 }),
    c.instances.createIndex({ outboxIds: 1 }),
    c.messages.createIndex({ name: 1, correlationKey: 1 }),
    c.events.createIndex({ instances: 1 }),
  ]);
}

export const sha256 = (xml: string) => createHash('sha256').update(xml).digest('hex');

/** Compiled graphs by definition key; a miss recompiles the stored XML. */
export class DefinitionCache {
  private readonly compiled = new Map<string, CompiledProcess>();

  constructor(private readonly c: Collections) {}

  put(key: string, process: CompiledProcess): void {
    this.compiled.set(key, process);
  }

  async get(key: string): Promise<CompiledProcess> {
    const hit = this.compiled.get(key);
    if (hit) return hit;
    const def = await this.c.definitions.findOne({ _id: key });
    if (!def) throw engineNotFound(`process definition ${key}`, '流程定义');
    const process = (await compileBpmn(def.xml)).find((p) => p.processId === def.processId)!;
    this.compiled.set(key, process);
    return process;
  }

  /**
   * The latest version of each process, kept where one engine process owns the database (FerretDB,
   * `keepLatest`): every deploy passes through this process, and the query sorts the definitions in
   * memory there (FerretDB pushes down no sort or filter but `_id`) on every start of an instance.
   */
  private readonly latest = new Map<string, DefinitionDoc>();
  keepLatest = false;

  /** A version was deployed by this process. */
  deployed(def: DefinitionDoc): void {
    const { xml: _xml, ...withoutXml } = def;
    if (this.keepLatest) this.latest.set(def.processId, withoutXml as DefinitionDoc);
  }

  /** The latest version, a given version, or the latest with a version tag. */
  async find(processId: string, options: { version?: number; versionTag?: string } = {}): Promise<DefinitionDoc | null> {
    const plain = options.version === undefined && options.versionTag === undefined;
    if (plain && this.keepLatest && this.latest.has(processId)) return this.latest.get(processId)!;
    const filter: Record<string, unknown> = { processId };
    if (options.version !== undefined) filter.version = options.version;
    if (options.versionTag !== undefined) filter.versionTag = options.versionTag;
    const found = await (this.c.definitions.find(filter, { projection: { xml: 0 } }).sort({ version: -1 }).limit(1).next() as Promise<DefinitionDoc | null>);
    if (plain && this.keepLatest && found) this.latest.set(processId, found);
    return found;
  }
}

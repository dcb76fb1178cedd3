/**
 * Follows a Zeebe record feed (see records.ts): element events for the event log, the open
 * incidents, the case id of each instance, and the element instances Zeebe terminated — which is how
 * the adapter learns that a user task was cancelled inside the engine.
 */
import type { Logger } from 'pino';
import type { EngineEvent, Incident } from '../port.ts';
import { eventOf, incidentOf, type RecordFeed, type ZeebeRecord } from './records.ts';

export interface FollowerListeners {
  event(event: EngineEvent): Promise<void>;
  /** An element instance Zeebe terminated (a task's element: the task is cancelled). */
  terminated(elementInstanceKey: string): Promise<void>;
}

export class RecordFollower {
  private position = -1;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly caseIds = new Map<string, string>();
  private readonly incidents = new Map<string, Incident>();

  constructor(private readonly feed: RecordFeed, private readonly listeners: FollowerListeners, private readonly logger: Logger, private readonly intervalMs = 100) {}

  start(): void {
    const tick = () => {
      this.running = this.poll().catch((error: unknown) => this.logger.warn({ err: error }, 'zeebe record feed unavailable'))
        .finally(() => { if (this.timer) this.timer = setTimeout(tick, this.intervalMs); });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Reads what the feed has now (also used before listing incidents, so the list is current). */
  async poll(): Promise<void> {
    const records = await this.feed.records(this.position);
    for (const record of records) {
      this.position = Math.max(this.position, record.position);
      await this.apply(record);
    }
  }

  openIncidents(): Incident[] {
    return [...this.incidents.values()];
  }

  private async apply(record: ZeebeRecord): Promise<void> {
    const v = record.value;
    if (record.recordType !== 'EVENT') return;
    if (record.valueType === 'VARIABLE' && v.name === 'caseId' && String(v.scopeKey) === String(v.processInstanceKey)) {
      this.caseIds.set(String(v.processInstanceKey), JSON.parse(String(v.value)) as string);
      return;
    }
    if (record.valueType === 'INCIDENT') {
      if (record.intent === 'CREATED') this.incidents.set(record.key, incidentOf(record));
      if (record.intent === 'RESOLVED') this.incidents.delete(record.key);
    }
    const event = eventOf(record, this.caseIds);
    if (!event) return;
    await this.listeners.event(event);
    if (event.intent === 'terminated') await this.listeners.terminated(event.elementInstanceKey);
  }
}

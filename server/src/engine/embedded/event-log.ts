/**
 * The event log (`engine_events`): lines are buffered for a few milliseconds and written with one
 * insertMany, because FerretDB on SQLite commits each write separately (≈10–100 ms on a busy disk)
 * while one insert of many lines costs about the same as one line. A line is written after its
 * instance was saved; a crash can lose the last few milliseconds of lines (at most once), never
 * the instance state.
 */
import type { Logger } from 'pino';
import type { Collection } from 'mongodb';
import type { EngineEvent } from '../port.ts';
import { retryBusy } from './busy.ts';

const FLUSH_MS = 25;

export class EventLog {
  private buffer: EngineEvent[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly events: Collection<EngineEvent>, private readonly logger: Logger) {}

  append(lines: EngineEvent[]): void {
    this.buffer.push(...lines);
    this.timer ??= setTimeout(() => { void this.flush(); }, FLUSH_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (!lines.length) return;
      try {
        await retryBusy(() => this.events.insertMany(lines, { ordered: false }));
      } catch (error) {
        this.logger.error({ err: error, lines: lines.length }, 'engine: event log write failed');
      }
    });
    await this.flushing;
  }
}

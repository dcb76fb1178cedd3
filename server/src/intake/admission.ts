import type { Response } from 'express';
import { problem } from '../shared/errors.ts';

/**
 * Back-pressure at the desk. Every receipt renders sealed notices on the hall's one Chromium; when
 * clerks send receipts faster than it renders, waiting renders pile up and every clerk waits tens
 * of seconds (docs/benchmarks.md, the soak). Above `maxBacklog` waiting renders a new receipt is
 * refused before anything is written (503 INTAKE_BUSY with Retry-After): the desk says so at once
 * and the clerk submits again, instead of the hall accepting work it cannot finish.
 * The bound is ONEWINDOW_INTAKE_MAX_RENDER_BACKLOG (shared/config.ts; default 12: with 2 pages at ≈ 0.5 s a notice,
 * a receipt admitted at the bound waits ≈ 3 s for its notices).
 */
export class RenderAdmission {
  constructor(private readonly backlog: () => number, readonly maxBacklog: number = defaultMaxRenderBacklog, private readonly secondsPerRender = 0.5) {}

  /** Seconds to wait before trying again; 0 admits. */
  waitSeconds(): number {
    const waiting = this.backlog();
    return waiting <= this.maxBacklog ? 0 : Math.max(1, Math.ceil((waiting * this.secondsPerRender) / 2));
  }

  /** Throws 503 INTAKE_BUSY (and sets Retry-After on `res`) when the backlog is above the bound. */
  admit(res: Pick<Response, 'set'>): void {
    const seconds = this.waitSeconds();
    if (seconds === 0) return;
    res.set('Retry-After', String(seconds));
    throw problem('INTAKE_BUSY', { params: { seconds }, fields: [{ field: 'retryAfterSeconds', message: String(seconds) }] });
  }
}

export const defaultMaxRenderBacklog = 12;

/**
 * Writes before lists on the one event loop. An approver's claim or approval is what a user waits
 * for; a list can wait a little. While a write request under /api/tasks is being served, board
 * lists and counts wait before doing their work (at most `maxWaitMs`, so lists are never starved):
 * each parked list is a client that sends nothing more until answered, so the loop is left to the
 * write's steps (its database round trips, the engine's step, the board's update) instead of
 * queueing each of them behind a turn of every list client.
 *
 * Why not worker threads: the board index is the process's live view of every task change
 * (board-index.ts); a copy per thread would double the memory at 100k open tasks and need every
 * change posted across, and serving a list is only a few per cent of its request (the rest is
 * HTTP, JSON and the token): the gain is in ordering the loop's work, not in spreading the lists.
 */
import type { RequestHandler } from 'express';

export class WritesFirst {
  private pending = 0;
  private readonly parked = new Set<() => void>();
  /** Lists that waited behind a write (the benchmark reports it). */
  waited = 0;

  constructor(private readonly maxWaitMs = 250) {}

  /** Express middleware: a request other than GET/HEAD counts as a pending write until it is answered or dropped. */
  readonly mark: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    this.pending++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      if (--this.pending === 0) for (const go of [...this.parked]) go();
    };
    res.once('finish', leave);
    res.once('close', leave);
    next();
  };

  /** Resolves at once when no write is pending, else when none is (or after `maxWaitMs`). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    this.waited++;
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(timer);
        this.parked.delete(go);
        resolve();
      };
      const timer = setTimeout(go, this.maxWaitMs);
      this.parked.add(go);
    });
  }
}

import type { Ticket } from './models.ts';

/**
 * 叫号顺序: who a window calls next among the waiting tickets of the queues it serves.
 * 1. tickets transferred to this very window;
 * 2. 绿色通道 (elderly, disabled, military), in the order they entered the queue;
 * 3. checked-in appointments whose slot has begun, by slot, then arrival;
 * 4. everyone else in the order they entered the queue (a ticket re-queued after 过号 enters anew).
 * Tickets transferred to another window are not this window's to call.
 */
export function callOrder(waiting: readonly Ticket[], window: string, nowSlot: string): Ticket[] {
  const rank = (t: Ticket): number => {
    if (t.forWindow === window) return 0;
    if (t.priority) return 1;
    if (t.slot && t.slot <= nowSlot) return 2;
    return 3;
  };
  return waiting
    .filter((t) => !t.forWindow || t.forWindow === window)
    .map((t) => ({ t, r: rank(t) }))
    .sort((a, b) => a.r - b.r || (a.r === 2 ? a.t.slot!.localeCompare(b.t.slot!) : 0) || a.t.enqueuedAt.getTime() - b.t.enqueuedAt.getTime() || a.t.seq - b.t.seq)
    .map(({ t }) => t);
}

/** Minutes a new ticket is expected to wait: people ahead × mean service time ÷ windows serving. */
export function estimatedWaitMinutes(ahead: number, meanServiceMinutes: number, windowsServing: number): number {
  return Math.ceil((ahead * meanServiceMinutes) / Math.max(1, windowsServing));
}

/** The service time assumed before a queue has served anyone today (minutes). */
export const DEFAULT_SERVICE_MINUTES = 6;

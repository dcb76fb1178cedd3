import type { TimelineEntry } from './case.model.ts';

/**
 * The timeline in the order things happened: by the time the source gave each entry, not by which
 * write finished first (a seal job may write before the approval that started it is recorded).
 * Entries of the same instant keep their written order.
 */
export function inOrder(timeline: TimelineEntry[]): TimelineEntry[] {
  return timeline.map((entry, i) => ({ entry, i }))
    .sort((a, b) => new Date(a.entry.at).getTime() - new Date(b.entry.at).getTime() || a.i - b.i)
    .map(({ entry }) => entry);
}

import mongoose, { type Model, type UpdateQuery } from 'mongoose';
import type { Case, TimelineEntry } from './case.model.ts';

/**
 * One entry on a case's timeline, written once: an entry carries the id of what happened (a task
 * key, a job, an operation) and a second write of the same id changes nothing, whether it comes
 * from a redelivered engine event, a retried job or a restart. `also` travels in the same update
 * and is skipped with it. Returns whether the entry was written.
 */
export async function appendOnce(cases: Model<Case>, caseNumber: string, entry: TimelineEntry & { id: string }, also: UpdateQuery<Case> = {}): Promise<boolean> {
  const { $push, ...rest } = also as { $push?: Record<string, unknown> };
  const res = await cases.updateOne(
    { caseNumber, 'timeline.id': mongoose.trusted({ $ne: entry.id }) },
    { ...rest, $push: { ...$push, timeline: entry } },
  );
  return res.modifiedCount === 1;
}

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

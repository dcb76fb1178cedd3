import mongoose from 'mongoose';
import type { Analytics } from './analytics.ts';
import type { TaskFact } from './facts.ts';
import { matches, type Filter } from './rollups.ts';

const LIMIT = 100;

/**
 * The cases behind one element of the diagram: those waiting there now (from memory) and the
 * latest that passed it (facts of that element, newest first, slowest first within them). On
 * MongoDB the facts' index serves the query; FerretDB reads the facts collection (docs/analytics.md).
 */
export async function drillDown(analytics: Analytics, q: Filter & { processId: string; processVersion?: number; elementId: string }, now: Date) {
  const dims = { ...q, from: undefined, to: undefined };
  const waiting = [...analytics.open.values()]
    .filter((s) => s.processId === q.processId && s.elementId === q.elementId && (!q.processVersion || s.processVersion === q.processVersion) && matches({ ...s, day: '' }, dims))
    .map((s) => ({ caseNumber: s.caseNumber, taskKey: s.key, processVersion: s.processVersion, departmentCode: s.departmentCode, matterCode: s.matterCode, windowNumber: s.windowNumber, assignee: s.assignee, since: s.createdAt, dueAt: s.dueAt, overdue: Boolean(s.dueAt && s.dueAt < now) }))
    .sort((a, b) => a.since.getTime() - b.since.getTime());
  const filter: Record<string, unknown> = { processId: q.processId, elementId: q.elementId };
  if (q.processVersion) filter.processVersion = q.processVersion;
  for (const field of ['matterCode', 'departmentCode', 'windowNumber', 'zone'] as const) if (q[field]) filter[field] = q[field];
  if (q.from || q.to) filter.day = mongoose.trusted({ ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) });
  const passed = await analytics.taskFacts.find(filter).sort({ completedAt: -1 }).limit(LIMIT).lean<TaskFact[]>();
  return {
    waiting,
    passed: passed.sort((a, b) => b.hours - a.hours).map((f) => ({
      caseNumber: f.caseNumber, taskKey: f._id, processVersion: f.processVersion, departmentCode: f.departmentCode, matterCode: f.matterCode,
      windowNumber: f.windowNumber, assignee: f.assignee, createdAt: f.createdAt, completedAt: f.completedAt, hours: f.hours,
      workingDays: f.workingDays, overdue: f.overdue, outcome: f.outcome,
    })),
  };
}

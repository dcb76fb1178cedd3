import mongoose from 'mongoose';
import type { Case } from '../intake/index.ts';
import { taskModel, type TaskDoc } from '../tasks/index.ts';

export interface ReturnedItem { material: string; problem: string }
export interface UnitReturn { name: string; opinion: string; items: ReturnedItem[] }

interface Opinion { unit: string; outcome: string | null; opinion: string | null }

const itemsOf = (value: unknown): ReturnedItem[] => (Array.isArray(value)
  ? value.filter((i): i is ReturnedItem => Boolean(i) && typeof i.material === 'string' && typeof i.problem === 'string') : []);

/**
 * The problems each unit returned in the current review round, itemised as the reviewer entered
 * them (the `items` of 退回补正, recorded on the case timeline with the task's key): the process
 * variables carry only each unit's general opinion. The round starts after the last resubmission.
 * `missing` names the units whose return is in the variables but not yet on the timeline (the
 * task board records the action just after the engine has moved on).
 */
export async function unitReturns(db: mongoose.Connection, caseDoc: Case, opinions: Opinion[], names: Map<string, string>, kind: 'drawings' | 'correction'): Promise<{ units: UnitReturn[]; missing: string[] }> {
  const resubmitted = kind === 'drawings' ? 'drawingsResubmitted' : 'correctionSubmitted';
  const since = Math.max(0, ...caseDoc.timeline.filter((e) => e.type === resubmitted).map((e) => new Date(e.at).getTime()));
  const returned = caseDoc.timeline.filter((e) => e.type === 'approval.returnedForCorrection' && new Date(e.at).getTime() >= since);
  const keys = returned.map((e) => String((e.data as { taskKey?: unknown })?.taskKey ?? ''));
  const tasks = keys.length > 0 ? await taskModel(db).find({ _id: mongoose.trusted({ $in: keys }) }, { departmentCode: 1 }).lean<TaskDoc[]>() : [];
  const unitOfTask = new Map(tasks.map((t) => [String(t._id), t.departmentCode ?? '']));
  const byUnit = new Map<string, UnitReturn>();
  const unitEntry = (unit: string) => {
    if (!byUnit.has(unit)) byUnit.set(unit, { name: names.get(unit) ?? unit, opinion: '', items: [] });
    return byUnit.get(unit)!;
  };
  for (const entry of returned) {
    const data = (entry.data ?? {}) as { taskKey?: string; opinion?: string; items?: unknown };
    const unit = unitOfTask.get(String(data.taskKey)) ?? caseDoc.departmentCode;
    const target = unitEntry(unit);
    target.opinion ||= data.opinion ?? '';
    target.items.push(...itemsOf(data.items));
  }
  // every unit that returned in the process variables appears, with its opinion
  const missing: string[] = [];
  for (const o of opinions.filter((x) => x.outcome === 'return')) {
    if (!byUnit.has(o.unit)) missing.push(o.unit);
    const target = unitEntry(o.unit);
    target.opinion ||= o.opinion ?? '';
  }
  return { units: [...byUnit.values()], missing };
}

import type { Connection } from 'mongoose';
import { pathEventModel, type PathEvent } from './path.ts';
import type { ElementVisit } from './types.ts';

export type { ElementVisit } from './types.ts';

/** Folds the engine's element events of a case into one line per element, in the order first entered. */
export function visitsOf(events: PathEvent[]): ElementVisit[] {
  const byElement = new Map<string, ElementVisit & { open: Set<string> }>();
  for (const e of [...events].sort((a, b) => +new Date(a.at) - +new Date(b.at))) {
    const visit = byElement.get(e.elementId) ?? { elementId: e.elementId, elementType: e.elementType, active: false, entered: 0, firstAt: e.at, lastAt: e.at, open: new Set<string>() };
    if (e.intent === 'activated') { visit.entered++; visit.open.add(e.elementInstanceKey); } else visit.open.delete(e.elementInstanceKey);
    visit.lastAt = e.at;
    byElement.set(e.elementId, visit);
  }
  return [...byElement.values()].map(({ open, ...visit }) => ({ ...visit, active: open.size > 0 }));
}

export async function casePath(db: Connection, caseNumber: string): Promise<ElementVisit[]> {
  return visitsOf(await pathEventModel(db).find({ caseNumber }).lean<PathEvent[]>());
}

import mongoose from 'mongoose';
import type { AppAbility } from '../authz/index.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { caseReads, type Case } from '../intake/index.ts';
import { problem } from '../shared/errors.ts';
import { taskModel } from '../tasks/index.ts';
import type { Connection } from 'mongoose';

export interface StuckCase {
  caseNumber: string;
  matterCode: string;
  matterName: string;
  departmentCode: string;
  processInstanceKey?: string;
  /** Last change of the case. */
  since: Date;
  /** `processEnded`: its process ended without a decision; `noOpenStep`: no open task, no incident, nothing for a while. */
  reason: 'processEnded' | 'noOpenStep';
}

const LIMIT = 200;
const trusted = <T>(q: T): T => mongoose.trusted(q) as T;

/**
 * Accepted cases nobody can move on: no open task on the board, no incident on their process (an
 * incident has its own list and retry), not waiting with the clock stopped (补正, 第四十五条), and
 * unchanged for `idleMinutes` — or whose process ended without a decision (intake/process-end.ts).
 * Such a case shows in no list otherwise. Read by the director (supervision of cases) and by the
 * system admin who runs the platform; throws 403 for anyone else.
 */
export async function stuckCases(deps: { db: Connection; engine: WorkflowEngine }, ability: AppAbility, idleMinutes: number, now = new Date()): Promise<StuckCase[]> {
  // read with the engine's incidents, as the same kind of trouble: the director and the system admin (authz/ability.ts)
  if (!ability.can('read', 'Incident')) throw problem('FORBIDDEN', { params: { reason: 'stuckCases' } });
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000);
  const candidates = await caseReads(deps.db).find({ status: 'accepted', updatedAt: trusted({ $lte: idleSince }) },
    { caseNumber: 1, matterCode: 1, matterName: 1, departmentCode: 1, processInstanceKey: 1, updatedAt: 1, pauses: 1, processEnded: 1 }).limit(LIMIT * 5).lean<Case[]>();
  const tasks = taskModel(deps.db);
  const stuck: StuckCase[] = [];
  for (const c of candidates) {
    if (stuck.length >= LIMIT) break;
    const base = { caseNumber: c.caseNumber, matterCode: c.matterCode, matterName: c.matterName, departmentCode: c.departmentCode, processInstanceKey: c.processInstanceKey, since: c.updatedAt };
    if (c.processEnded?.outcome === 'none') {
      stuck.push({ ...base, reason: 'processEnded' });
      continue;
    }
    if (c.pauses?.some((p) => !p.to)) continue;
    if (await tasks.exists({ caseNumber: c.caseNumber, state: trusted({ $in: ['open', 'completing', 'awaitingSigners'] }) })) continue;
    if (c.processInstanceKey && (await deps.engine.listIncidents({ processInstanceKey: c.processInstanceKey })).length) continue;
    stuck.push({ ...base, reason: 'noOpenStep' });
  }
  return stuck;
}

import type { Connection } from 'mongoose';
import { principalOf } from '../auth/index.ts';
import type { ActiveDelegation, Authority } from '../authz/index.ts';
import { catalogModels, issuingBodyOf } from '../catalog/index.ts';
import { sealSvg } from '../documents/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { taskKeyParams, type TaskBoard } from '../tasks/index.ts';
import { sealAuthority } from '../approval/index.ts';

export interface SealPreviewDeps {
  db: Connection;
  authority: Authority;
  board: TaskBoard;
  delegationsOf(userId: string, now: Date): Promise<ActiveDelegation[]>;
  clock?: () => Date;
}

const hallDate = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * What the task page shows before a decision that carries the 行政审批专用章: the seal of the body
 * that issues the decision, and either the delegation in force that lets this user apply it (power,
 * matters, dates) or why not — the same checks, in the same order, as the decision itself
 * (approval/decide.ts `sealAuthority`, the one rule for both), so the page never offers what the server will refuse.
 */
export function sealPreviewRoute(api: Api, deps: SealPreviewDeps): void {
  api.add({
    method: 'get', path: '/api/tasks/:key/seal', tag: 'approval', access: 'user', ask: ['read', 'Task'],
    summary: 'The seal a decision on this task would carry and the delegation that allows it, or why it is not allowed',
    params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => {
      const ability = await deps.authority.abilityOf(req);
      const task = await deps.board.load(ability, params.key);
      const agency = await issuingBodyOf(catalogModels(deps.db).departments, task.departmentCode ?? '');
      const base = { sealRequired: task.sealRequired || task.authority === 'decide', agency: agency.name, svg: sealSvg(agency.name) };
      const judged = sealAuthority(ability, task, await deps.delegationsOf(principalOf(req).userId, (deps.clock ?? (() => new Date()))()));
      if ('refusal' in judged) return { ...base, allowed: false, refusal: { code: judged.refusal.code, zh: judged.refusal.zh, en: judged.refusal.message } };
      const { delegation } = judged;
      return {
        ...base, allowed: true,
        delegation: {
          id: delegation.id, powers: delegation.powers, departmentCode: delegation.departmentCode, allMatters: delegation.allMatters, matterCodes: delegation.matterCodes,
          validFrom: hallDate(delegation.validFrom), validTo: hallDate(new Date(delegation.validUntil.getTime() - 1)),
        },
      };
    },
  });
}

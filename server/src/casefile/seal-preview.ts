import type { Connection } from 'mongoose';
import { principalOf } from '../auth/index.ts';
import type { ActiveDelegation, Authority } from '../authz/index.ts';
import { catalogModels, issuingBodyOf } from '../catalog/index.ts';
import { sealSvg } from '../documents/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { taskKeyParams, taskSubject, type TaskBoard } from '../tasks/index.ts';

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
 * (approval/decide.ts assertMayDecide), so the page never offers what the server will refuse.
 */
export function sealPreviewRoute(api: Api, deps: SealPreviewDeps): void {
  api.add({
    method: 'get', path: '/api/tasks/:key/seal', tag: 'approval', access: 'user',
    summary: 'The seal a decision on this task would carry and the delegation that allows it, or why it is not allowed',
    params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => {
      const ability = await deps.authority.abilityOf(req);
      const task = await deps.board.load(ability, params.key);
      const agency = await issuingBodyOf(catalogModels(deps.db).departments, task.departmentCode ?? '');
      const base = { sealRequired: task.sealRequired || task.authority === 'decide', agency: agency.name, svg: sealSvg(agency.name) };
      const subject = taskSubject(task);
      if (!ability.can('decide', subject)) return { ...base, allowed: false, refusal: { code: 'DECISION_POWER_REQUIRED', zh: '您未获得该事项的审批决定权授权', en: 'You hold no decision power for this matter' } };
      const now = (deps.clock ?? (() => new Date()))();
      const delegation = (await deps.delegationsOf(principalOf(req).userId, now)).find((d) => d.powers.includes('useSeal')
        && d.departmentCode === task.departmentCode && (d.allMatters || d.matterCodes.includes(task.matterCode ?? '')));
      if (!ability.can('useSeal', subject) || !delegation) return { ...base, allowed: false, refusal: { code: 'SEAL_NOT_AUTHORISED', zh: '您未获得该事项的行政审批专用章使用授权', en: 'You may not apply the approval seal for this matter' } };
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

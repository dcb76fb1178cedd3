import mongoose from 'mongoose';
import { principalOf, type Principal } from '../auth/index.ts';
import { assertCan, subjectOf, type Authority } from '../authz/index.ts';
import type { Variables } from '../engine/index.ts';
import type { IntakeService } from '../intake/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { Api } from '../shared/http.ts';
import type { TaskBoard, TaskDoc } from '../tasks/index.ts';
import { caseNumberParams } from '../intake/schemas.ts';
import { handOverBody } from './schemas.ts';

export interface HandOverDeps {
  authority: Authority;
  intake: IntakeService;
  board: TaskBoard;
  /** The approval feature's task completion (it keeps the board, the timeline and the audit trail in step). */
  complete(principal: Principal, task: TaskDoc, outcome: string, variables: Variables, data: Record<string, unknown>): Promise<unknown>;
  /** The name the issuing clerk is shown by on the 送达回证. */
  nameOf(principal: Principal): Promise<string>;
  /** The bundle (一件事) whose certificates are handed over together with this case's, if any (bundles/). */
  bundleOf?(caseNumber: string): Promise<string | undefined>;
}

/**
 * 发证: the issuing clerk hands the certificate over (or posts it, or serves it electronically to the address
 * the applicant consented to) and records the proof of service
 * (送达回证); completing the case's hand-over task lets the `issue` job register it and close the case.
 */
export function handOverRoutes(api: Api, deps: HandOverDeps): void {
  api.add({
    method: 'post', path: '/api/issuing/cases/:caseNumber/hand-over', tag: 'issuing', access: 'user', ask: ['issue', 'Case'],
    summary: '发证: hand the certificate over in person, by post or electronically (电子送达) and record the 送达回证',
    params: caseNumberParams, body: handOverBody,
    handler: async ({ req, params, body }) => {
      const ability = await deps.authority.abilityOf(req);
      const caseDoc = await deps.intake.load(params.caseNumber);
      // the state before the power: a hand-over retried after it went through finds the case past
      // stage 'issuing', where no one holds the power any more — that is a conflict, not a refusal
      if (!ability.can('read', subjectOf('Case', caseDoc))) throw notFound('case');
      const task = await deps.board.tasks.findOne({ caseNumber: caseDoc.caseNumber, step: 'handOver', state: 'open' }).lean<TaskDoc>();
      const handed = !task && await deps.board.tasks.exists({ caseNumber: caseDoc.caseNumber, step: 'handOver', state: mongoose.trusted({ $in: ['completing', 'completed'] }) });
      if (handed) throw alreadyHandedOver(caseDoc.caseNumber);
      assertCan(ability, 'issue', subjectOf('Case', caseDoc));
      if (!task) throw problem('NOTHING_TO_HAND_OVER');
      const bundleNumber = await deps.bundleOf?.(caseDoc.caseNumber);
      if (bundleNumber) throw problem('BUNDLE_MEMBER_ISSUED_TOGETHER', { params: { bundleNumber }, fields: [{ field: 'params.caseNumber', message: `handed over with bundle ${bundleNumber}` }] });
      const principal = principalOf(req);
      const service = { ...body, servedBy: principal.username, servedByName: await deps.nameOf(principal) };
      await deps.complete(principal, task, 'handedOver', { service }, { service });
      return { caseNumber: caseDoc.caseNumber, service };
    },
  });
}

/** 409 ALREADY_HANDED_OVER: the certificate of this case was handed over (a retry whose first answer was lost). */
const alreadyHandedOver = (caseNumber: string) =>
  problem('ALREADY_HANDED_OVER', { params: { caseNumber }, fields: [{ field: 'params.caseNumber', message: 'already handed over' }] });

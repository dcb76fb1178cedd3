import type { Request } from 'express';
import { z } from 'zod';
import { principalOf, type Principal } from '../auth/index.ts';
import type { AppAbility } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { taskKeyParams, type TaskDoc } from '../tasks/index.ts';
import * as actions from './actions.ts';
import { bulkClaimRoute } from './bulk-claim.ts';
import { addAttachment, getAttachment, listAttachments } from './attachments.ts';
import type { ApprovalDeps } from './context.ts';
import { approve, reject, returnForCorrection, returnTo } from './decide.ts';
import {
  approveBody, attachmentQuery, ccBody, correctionBody, opinionBody, rejectBody, removeSignerBody, resolveBody, returnToBody, signersBody, toUserBody, urgeBody,
} from './schemas.ts';
import { addSigners, removeSigner } from './signers.ts';
import { withdraw } from './withdraw.ts';

/** The approval actions on a task, each checked by CASL and recorded on the case timeline. */
export function approvalRoutes(api: Api, deps: ApprovalDeps): void {
  const context = async (req: Request, key: string): Promise<[AppAbility, Principal, TaskDoc]> => {
    const ability = await deps.authority.abilityOf(req);
    return [ability, principalOf(req), await deps.board.load(ability, key)];
  };
  const action = <B>(path: string, summary: string, body: z.ZodType<B>, run: (a: AppAbility, p: Principal, t: TaskDoc, b: B) => Promise<unknown>) =>
    api.add({
      method: 'post', path: `/api/tasks/:key/${path}`, tag: 'approval', access: 'user', ask: ['read', 'Task'], summary, params: taskKeyParams, body,
      handler: async ({ req, params, body: b }) => {
        const [ability, principal, task] = await context(req, params.key);
        const result = await run(ability, principal, task, b);
        // the board's list index follows the task and its signature sub-tasks
        await deps.board.sync(task.parentKey ?? task._id, path === 'signers' || task.kind === 'signature');
        return result;
      },
    });

  bulkClaimRoute(api, deps);
  action('claim', '签收: claim a task of one of my groups', z.strictObject({}), (a, p, t) => actions.claim(deps, a, p, t));
  action('unclaim', 'Put a claimed task back into the group pool', z.strictObject({}), (a, p, t) => actions.unclaim(deps, a, p, t));
  action('approve', '同意 / 准予许可 (a decision step needs the decision and seal powers and the decision content); a signer agrees', approveBody,
    (a, p, t, b) => approve(deps, a, p, t, b));
  action('reject', '不予许可 with reasons and remedies (decision and seal powers); a signer disagrees', rejectBody, (a, p, t, b) => reject(deps, a, p, t, b));
  action('return-for-correction', '退回补正: the applicant supplements; the clock is paused', correctionBody, (a, p, t, b) => returnForCorrection(deps, a, p, t, b));
  action('return', '退回 to an earlier step the process models (header returnTargets)', returnToBody, (a, p, t, b) => returnTo(deps, a, p, t, b));
  action('transfer', '转办: hand the task to another approver', toUserBody, (a, p, t, b) => actions.transfer(deps, a, p, t, b.to, b.opinion));
  action('delegate', '委派: the delegate handles it and hands it back to the owner', toUserBody, (a, p, t, b) => actions.delegate(deps, a, p, t, b.to, b.opinion));
  action('resolve', 'The delegate hands a delegated task back to its owner', resolveBody, (a, p, t, b) => actions.resolve(deps, a, p, t, b.opinion));
  action('signers', '加签 before or after, 会签 (all) / 或签 (any): signature sub-tasks on the board', signersBody, (a, p, t, b) => addSigners(deps, a, p, t, b));
  action('remove-signer', '减签: withdraw a signer who has not signed', removeSignerBody, (a, p, t, b) => removeSigner(deps, a, p, t, b.username));
  action('urge', '催办: remind the holder (supervision or coordination power)', urgeBody, (a, p, t, b) => actions.urge(deps, a, p, t, b.note));
  action('cc', '抄送: inform staff who may read the task', ccBody, (a, p, t, b) => actions.carbonCopy(deps, a, p, t, b.usernames, b.note));
  action('withdraw', '撤回: the approver who completed this step takes the case back while the next step is untouched', opinionBody, (a, p, t, b) => withdraw(deps, a, p, t, b));

  api.add({
    method: 'put', path: '/api/tasks/:key/opinion', tag: 'approval', access: 'user', ask: ['handle', 'Task'],
    summary: 'Save the draft 审批意见 of the task', params: taskKeyParams, body: opinionBody,
    handler: async ({ req, params, body }) => actions.saveOpinion(deps, ...(await context(req, params.key)), body.opinion),
  });

  api.add({
    method: 'post', path: '/api/tasks/:key/attachments', tag: 'approval', access: 'user', ask: ['handle', 'Task'], status: 201,
    summary: 'Attach a PDF, PNG or JPEG (raw body, Content-Type of the file; checked by its magic bytes; at most 5 MB)',
    params: taskKeyParams, query: attachmentQuery,
    handler: async ({ req, params, query }) => addAttachment(deps, ...(await context(req, params.key)), req, query.name),
  });

  api.add({
    method: 'get', path: '/api/tasks/:key/attachments', tag: 'approval', access: 'user', ask: ['read', 'Task'],
    summary: 'The attachments of a task', params: taskKeyParams, query: queryObject({}),
    handler: async ({ req, params }) => listAttachments(deps, (await context(req, params.key))[2]),
  });

  api.add({
    method: 'get', path: '/api/tasks/:key/attachments/:id', tag: 'approval', access: 'user', ask: ['read', 'Task'], produces: 'application/octet-stream',
    summary: 'Download one attachment', params: taskKeyParams.extend({ id: z.string().regex(/^[a-f0-9]{24}$/) }), query: queryObject({}),
    handler: async ({ req, res, params }) => {
      const doc = await getAttachment(deps, (await context(req, params.key))[2], params.id);
      res.type(doc.type).set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.name)}`).set('x-content-type-options', 'nosniff').send(doc.data);
    },
  });
}

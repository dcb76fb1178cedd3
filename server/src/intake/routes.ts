import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import { accessibleFilter, subjectOf, type Authority } from '../authz/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { FailureCounter } from '../shared/limiter.ts';
import { paging, queryObject, type Api } from '../shared/http.ts';
import { caseStatuses } from './case.model.ts';
import type { RenderAdmission } from './admission.ts';
import { IdempotentReplies, idempotencyKeyHeader } from './idempotency.ts';
import { caseNumberParams, intakeBodySchema, laterDecisionSchema, supplySchema } from './schemas.ts';
import type { IntakeService } from './service.ts';
import { caseView, publicProgressView } from './views.ts';

export function intakeRoutes(api: Api, deps: { intake: IntakeService; authority: Authority; limiter: (scope: string, max: number, windowMs: number) => FailureCounter; admission?: RenderAdmission }): void {
  const { intake, authority } = deps;
  // 4 phone digits are a short secret: 10 wrong guesses per case number per 15 minutes, then wait.
  const guesses = deps.limiter('progress', 10, 15 * 60_000);
  const replies = new IdempotentReplies(intake.cases.db);

  api.add({
    method: 'post', path: '/api/cases', tag: 'intake', access: 'user', ask: ['create', 'Case'], status: 201,
    summary: '统一收件: receive an application at a window and decide (accept, 容缺, 承诺, 补正, refuse, or receive only). An Idempotency-Key header makes a repeat (double click, retry) return the first answer instead of a second case',
    body: intakeBodySchema,
    handler: async ({ req, res, body }) => {
      const key = idempotencyKeyOf(req.get('idempotency-key'));
      deps.admission?.admit(res);
      const principal = principalOf(req);
      const ability = await authority.abilityOf(req);
      const { answer, replayed } = await replies.once(`cases:${principal.userId}`, key, body, async () => caseView(await intake.receive(principal, ability, body)));
      if (replayed) res.set('idempotent-replayed', 'true');
      return answer;
    },
  });

  api.add({
    method: 'get', path: '/api/cases', tag: 'intake', access: 'user', ask: ['read', 'Case'],
    summary: 'Cases the signed-in user may see (filtered by authority), newest first',
    query: queryObject({ status: z.enum(caseStatuses).optional(), matter: z.string().regex(/^[a-z0-9_]{2,40}$/).optional(), ...paging }),
    handler: async ({ req, query }) => {
      const ability = await authority.abilityOf(req);
      const own: Record<string, unknown> = {};
      if (query.status) own.status = query.status;
      if (query.matter) own.matterCode = query.matter;
      const filter = { $and: [accessibleFilter(ability, 'read', 'Case'), own] };
      const [items, total] = await Promise.all([
        intake.cases.find(filter).sort({ createdAt: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
        intake.cases.countDocuments(filter),
      ]);
      return { items: items.map(caseView), total, page: query.page, pageSize: query.pageSize };
    },
  });

  api.add({
    method: 'get', path: '/api/cases/:caseNumber', tag: 'intake', access: 'user', ask: ['read', 'Case'],
    summary: 'One case with its materials, deadlines, documents and timeline',
    params: caseNumberParams,
    handler: async ({ req, params }) => {
      const caseDoc = await intake.load(params.caseNumber);
      // a case the user may not read is answered as one that does not exist (docs/authority.md)
      if (!(await authority.abilityOf(req)).can('read', subjectOf('Case', caseDoc))) throw notFound('case');
      return caseView(caseDoc);
    },
  });

  api.add({
    method: 'post', path: '/api/cases/:caseNumber/decision', tag: 'intake', access: 'user', ask: ['update', 'Case'],
    summary: 'Decide on a case that was received for review, within 5 working days (行政许可法第三十二条)',
    params: caseNumberParams, body: laterDecisionSchema,
    handler: async ({ req, params, body }) => caseView(await intake.decide(principalOf(req), await authority.abilityOf(req), params.caseNumber, body.decision)),
  });

  api.add({
    method: 'post', path: '/api/cases/:caseNumber/corrections', tag: 'intake', access: 'user', ask: ['update', 'Case'],
    summary: 'The applicant supplied everything the correction notice listed: accept from today',
    params: caseNumberParams, body: supplySchema,
    handler: async ({ req, params, body }) => caseView(await intake.supplyCorrection(principalOf(req), await authority.abilityOf(req), params.caseNumber, body.materials)),
  });

  api.add({
    method: 'post', path: '/api/cases/:caseNumber/pending-materials', tag: 'intake', access: 'user', ask: ['create', 'Case'],
    summary: '容缺: record missing materials supplied after acceptance',
    params: caseNumberParams, body: supplySchema,
    handler: async ({ req, params, body }) => caseView(await intake.supplyPending(principalOf(req), await authority.abilityOf(req), params.caseNumber, body.materials)),
  });

  api.add({
    method: 'post', path: '/api/cases/:caseNumber/resubmissions', tag: 'intake', access: 'user', ask: ['create', 'Case'],
    summary: 'The applicant brings corrected materials or revised drawings a back-office step asked for; the clock restarts',
    params: caseNumberParams, body: z.strictObject({ kind: z.enum(['correction', 'drawings']) }),
    handler: async ({ req, params, body }) => caseView(await intake.resubmit(await authority.abilityOf(req), params.caseNumber, body.kind, principalOf(req))),
  });

  api.add({
    method: 'get', path: '/api/public/cases/:caseNumber/progress', tag: 'public', access: 'public',
    summary: 'Public progress of a case: case number plus the last four digits of the applicant’s phone',
    params: caseNumberParams,
    query: queryObject({ phoneLast4: z.string().regex(/^\d{4}$/) }),
    handler: async ({ res, params, query }) => {
      const wait = await guesses.retryAfterMs(params.caseNumber);
      if (wait > 0) {
        res.set('Retry-After', String(Math.ceil(wait / 1000)));
        throw problem('TOO_MANY_ATTEMPTS');
      }
      const caseDoc = await intake.cases.findOne({ caseNumber: params.caseNumber }).lean();
      // The same answer whether the number is unknown or the digits are wrong: nothing to probe.
      if (!caseDoc || caseDoc.contact.phoneLast4 !== query.phoneLast4) {
        await guesses.fail(params.caseNumber);
        throw problem('CASE_NOT_FOUND', { params: { variant: 'publicLookup' }, fields: [{ field: 'query.phoneLast4', message: 'no match' }] });
      }
      return publicProgressView(caseDoc);
    },
  });
}

function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = idempotencyKeyHeader.safeParse(header);
  if (parsed.success) return parsed.data;
  throw problem('VALIDATION_FAILED', { params: { fields: ['headers.idempotency-key'], wording: 'idempotencyKey' }, fields: [{ field: 'headers.idempotency-key', message: parsed.error.issues[0]?.message ?? 'invalid' }] });
}

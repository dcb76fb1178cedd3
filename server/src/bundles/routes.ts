import type { Connection } from 'mongoose';
import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import { accessibleFilter, subjectOf } from '../authz/index.ts';
import type { NoticeIssuer } from '../intake/index.ts';
import { IdempotentReplies, idempotencyKeyHeader } from '../intake/idempotency.ts';
import type { HandOverDeps } from '../issuing/index.ts';
import { handOverBody } from '../issuing/schemas.ts';
import { notFound, problem, validationFailed } from '../shared/errors.ts';
import { paging, queryObject, type Api } from '../shared/http.ts';
import type { FailureCounter } from '../shared/limiter.ts';
import type { WorkflowEngine } from '../engine/index.ts';
import { BundleDefinitions } from './definitions.ts';
import { handOverBundle } from './hand-over.ts';
import { bundleModels, type BundleCase } from './models.ts';
import { BundleDesk } from './receive.ts';
import { sweepHalfReceivedBundles, type BundleSweepResult } from './recovery.ts';
import { bundleIntakeBody, bundleNumberParams, definitionParams, proposalBody } from './schemas.ts';
import { BundleTracker } from './tracker.ts';
import { bundleView, definitionView, publicBundleView } from './views.ts';

export interface BundleRouteDeps extends Pick<HandOverDeps, 'authority' | 'intake' | 'board' | 'complete' | 'nameOf'> {
  db: Connection;
  notices: NoticeIssuer;
  engine: WorkflowEngine;
  limiter(scope: string, max: number, windowMs: number): FailureCounter;
  /** Where the sweep reports a bundle it could not finish. */
  warn?: (fields: Record<string, unknown>, message: string) => void;
}

/** What the hall wires: the engine's events of member cases, the sweep of half-received bundles, the desk (tests). */
export interface BundleFeature {
  onEvent: BundleTracker['onEvent'];
  sweep(): Promise<BundleSweepResult>;
  desk: BundleDesk;
}

/** 一件事一次办: definitions, receiving at the desk, progress, 统一出件 and the public page. */
export function bundleRoutes(api: Api, deps: BundleRouteDeps): BundleFeature {
  const models = bundleModels(deps.db);
  const definitions = new BundleDefinitions(models, deps.intake.catalog);
  const tracker = new BundleTracker({ models, intake: deps.intake, engine: deps.engine });
  const desk = new BundleDesk({ models, definitions, intake: deps.intake, notices: deps.notices, started: (bundle) => tracker.start(bundle) });
  const replies = new IdempotentReplies(deps.db);
  const guesses = deps.limiter('bundle-progress', 10, 15 * 60_000);
  const view = async (bundle: BundleCase) => bundleView(bundle, await tracker.memberCases(bundle), await deps.intake.calendar.calendar(), deps.intake.today());
  const tag = 'bundles';

  api.add({
    method: 'get', path: '/api/bundles/definitions', tag, access: 'user', ask: ['read', 'Bundle'], summary: '一件事 definitions the user may see (published ones for the desk; a lead department\'s admin also its proposals)',
    handler: async ({ req }) => ({ items: (await definitions.list(await deps.authority.abilityOf(req))).map(definitionView) }),
  });
  api.add({
    method: 'get', path: '/api/bundles/definitions/:code', tag, access: 'user', ask: ['read', 'Bundle'], summary: 'One 一件事 definition with its merged material list and form', params: definitionParams,
    handler: async ({ req, params }) => {
      const definition = await definitions.load(params.code);
      if (!(await deps.authority.abilityOf(req)).can('read', subjectOf('Bundle', definition))) throw notFound('bundle');
      return definitionView(definition);
    },
  });
  api.add({
    method: 'post', path: '/api/bundles/definitions', tag, access: 'user', ask: ['create', 'Bundle'], status: 201, body: proposalBody,
    summary: 'Propose a 一件事 (admin of the lead department): members of its back offices only, one merged material list, one form, the promised limit',
    handler: async ({ req, body }) => definitionView(await definitions.propose(principalOf(req), await deps.authority.abilityOf(req), body)),
  });
  api.add({
    method: 'post', path: '/api/bundles/definitions/:code/publish', tag, access: 'user', ask: ['deploy', 'Bundle'], params: definitionParams, summary: 'Publish a proposed 一件事 (system admin)',
    handler: async ({ req, params }) => definitionView(await definitions.publish(principalOf(req), await deps.authority.abilityOf(req), params.code)),
  });

  api.add({
    method: 'post', path: '/api/bundles', tag, access: 'user', ask: ['create', 'Case'], status: 201, body: bundleIntakeBody,
    summary: '一件事一次办: receive a bundle once (one applicant, one checklist, one outcome for the whole or per member); each member case is received through intake. An Idempotency-Key header makes a repeat return the first answer',
    handler: async ({ req, res, body }) => {
      const header = req.get('idempotency-key');
      const parsed = header === undefined ? undefined : idempotencyKeyHeader.safeParse(header);
      if (parsed && !parsed.success) throw validationFailed([{ field: 'headers.idempotency-key', message: '8–100 letters, digits, - or _' }]);
      const principal = principalOf(req);
      const ability = await deps.authority.abilityOf(req);
      const { answer, replayed } = await replies.once(`bundles:${principal.userId}`, parsed?.data, body, async () => view(await desk.receive(principal, ability, body)));
      if (replayed) res.set('idempotent-replayed', 'true');
      return answer;
    },
  });
  api.add({
    method: 'get', path: '/api/bundles', tag, access: 'user', ask: ['read', 'Bundle'], summary: 'Bundles the user may see, newest first', query: queryObject({ ...paging }),
    handler: async ({ req, query }) => {
      const filter = accessibleFilter(await deps.authority.abilityOf(req), 'read', 'Bundle');
      const [items, total] = await Promise.all([
        models.cases.find(filter).sort({ createdAt: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<BundleCase[]>(),
        models.cases.countDocuments(filter),
      ]);
      return { items: await Promise.all(items.map(view)), total, page: query.page, pageSize: query.pageSize };
    },
  });
  api.add({
    method: 'get', path: '/api/bundles/:bundleNumber', tag, access: 'user', ask: ['read', 'Bundle'], summary: 'One bundle: its clock and each member\'s state and clock', params: bundleNumberParams,
    handler: async ({ req, params }) => {
      const bundle = await tracker.refresh(params.bundleNumber);
      if (!bundle || !(await deps.authority.abilityOf(req)).can('read', subjectOf('Bundle', bundle))) throw notFound('bundleCase');
      return view(bundle);
    },
  });
  api.add({
    method: 'post', path: '/api/bundles/:bundleNumber/hand-over', tag, access: 'user', ask: ['issue', 'Bundle'], params: bundleNumberParams, body: handOverBody,
    summary: '统一出件: hand every certificate of the bundle over together, with one 送达回证',
    handler: async ({ req, params, body }) => view(await handOverBundle({ models, tracker, catalog: deps.intake.catalog, notices: deps.notices, board: deps.board, complete: deps.complete, nameOf: deps.nameOf }, principalOf(req), await deps.authority.abilityOf(req), params.bundleNumber, body)),
  });

  api.add({
    method: 'get', path: '/api/public/bundles/:bundleNumber/progress', tag: 'public', access: 'public', params: bundleNumberParams,
    query: queryObject({ phoneLast4: z.string().regex(/^\d{4}$/) }),
    summary: 'Public progress of a bundle and each of its members: bundle number plus the last four digits of the applicant\'s phone',
    handler: async ({ res, params, query }) => {
      const wait = await guesses.retryAfterMs(params.bundleNumber);
      if (wait > 0) {
        res.set('Retry-After', String(Math.ceil(wait / 1000)));
        throw problem('TOO_MANY_ATTEMPTS');
      }
      const bundle = await tracker.refresh(params.bundleNumber);
      if (!bundle || bundle.contact.phoneLast4 !== query.phoneLast4) {
        await guesses.fail(params.bundleNumber);
        throw problem('BUNDLE_NOT_FOUND', { fields: [{ field: 'query.phoneLast4', message: 'no match' }] });
      }
      return publicBundleView(bundle, await tracker.memberCases(bundle), await deps.intake.calendar.calendar(), deps.intake.today());
    },
  });
  return {
    onEvent: tracker.onEvent, desk,
    sweep: () => sweepHalfReceivedBundles({ db: deps.db, models, desk, authority: deps.authority, warn: deps.warn }),
  };
}

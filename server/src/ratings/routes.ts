import type { Request } from 'express';
import type { QueryFilter } from 'mongoose';
import { z } from 'zod';
import { principalOf, type Principal } from '../auth/index.ts';
import { accessibleFilter, assertCan, subjectOf, type AppAbility, type Authority } from '../authz/index.ts';
import { figuresQuery, period } from '../hotline/routes.ts';
import type { Api } from '../shared/http.ts';
import type { FailureCounter } from '../shared/limiter.ts';
import { taskKeyParams, type TaskBoard, type TaskDoc } from '../tasks/index.ts';
import { ratingErrors } from './errors.ts';
import { ratingFigures } from './figures.ts';
import type { Rating } from './model.ts';
import type { RectificationActions } from './rectification.ts';
import { contestBody, publicRatingBody, ratingListQuery, rectifyBody, reviewContestBody, windowParams, windowRatingBody } from './schemas.ts';
import type { Ratings } from './service.ts';

export interface RatingRouteDeps {
  ratings: Ratings;
  rectification: RectificationActions;
  board: TaskBoard;
  authority: Authority;
  /** Failed phone checks per address (topology/parts.ts): the public page is no oracle for case numbers. */
  limiter: FailureCounter;
}

const CHECK_FAILURES = { max: 10, windowMs: 10 * 60_000 };
export const ratingCheckLimit = CHECK_FAILURES;

export function ratingView(r: Rating) {
  const { _id, rev: _rev, ...rest } = r;
  return { id: _id, ...rest };
}

/** 好差评: the public page, the window's device, the list, the rectification steps and the figures. */
export function ratingRoutes(api: Api, deps: RatingRouteDeps): void {
  const me = async (req: Request): Promise<[AppAbility, Principal]> => [await deps.authority.abilityOf(req), principalOf(req)];

  api.add({
    tag: 'ratings', access: 'public', method: 'post', path: '/api/public/ratings', status: 201, body: publicRatingBody,
    summary: '网上评价: rate a decided or handed-over case once, with its number and the phone given at intake',
    handler: async ({ req, body }) => {
      const key = req.ip ?? 'unknown';
      const wait = await deps.limiter.retryAfterMs(key);
      if (wait > 0) {
        req.res?.set('Retry-After', String(Math.ceil(wait / 1000)));
        throw ratingErrors.tooManyTries();
      }
      const { phone, ...input } = body;
      try {
        const rating = await deps.ratings.rateCase(input, 'online', { phone });
        return { id: rating._id, level: rating.level, rectification: rating.bad };
      } catch (error) {
        if ((error as { code?: string }).code === 'RATING_CASE_OR_PHONE_MISMATCH') await deps.limiter.fail(key);
        throw error;
      }
    },
  });
  api.add({
    tag: 'ratings', access: 'user', ask: ['handle', 'QueueWindow'], method: 'post', path: '/api/ratings/windows/:window', status: 201, params: windowParams, body: windowRatingBody,
    summary: '现场评价: the rating device bound to a window, signed in as its clerk',
    handler: async ({ req, params, body }) => {
      const [ability] = await me(req);
      assertCan(ability, 'handle', subjectOf('QueueWindow', { windowNumber: params.window }));
      const rating = await deps.ratings.rateCase(body, 'window', { windowNumber: params.window });
      return { id: rating._id, level: rating.level, rectification: rating.bad };
    },
  });
  api.add({
    tag: 'ratings', access: 'user', ask: ['read', 'Rating'], method: 'get', path: '/api/ratings', summary: 'Ratings I may read, newest first (bad ones with their rectification)', query: ratingListQuery,
    handler: async ({ req, query }) => {
      const [ability] = await me(req);
      const filter: QueryFilter<Rating> = { ...accessibleFilter(ability, 'read', 'Rating') };
      if (query.bad) filter.bad = query.bad === 'true';
      if (query.rectification) filter['rectification.state'] = query.rectification;
      const [items, total] = await Promise.all([
        deps.ratings.ratings.find(filter).sort({ ratedAt: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean<Rating[]>(),
        deps.ratings.ratings.countDocuments(filter),
      ]);
      return { items: items.map(ratingView), total, page: query.page, pageSize: query.pageSize };
    },
  });

  const step = <B>(path: string, summary: string, body: z.ZodType<B>, run: (a: AppAbility, p: Principal, t: TaskDoc, b: B) => Promise<Rating>) =>
    api.add({
      tag: 'ratings', access: 'user', ask: ['read', 'Task'], method: 'post', path: `/api/ratings/tasks/:key/${path}`, summary, params: taskKeyParams, body,
      handler: async ({ req, params, body: b }) => {
        const [ability, principal] = await me(req);
        const task = await deps.board.load(ability, params.key);
        const rating = await run(ability, principal, task, b);
        await deps.board.sync(task._id);
        return ratingView(rating);
      },
    });
  step('rectify', '整改答复: verification, call-back and reply to a bad rating', rectifyBody, (a, p, t, b) => deps.rectification.rectify(a, p, t, b));
  step('contest', '申诉: the department contests a malicious or mistaken rating', contestBody, (a, p, t, b) => deps.rectification.contest(a, p, t, b.reason));
  step('review-contest', '申诉复核: the director upholds (the rating is voided) or rejects the appeal', reviewContestBody, (a, p, t, b) => deps.rectification.reviewContest(a, p, t, b));

  api.add({
    tag: 'ratings', access: 'user', ask: ['read', 'Report'], method: 'get', path: '/api/analytics/ratings', query: figuresQuery,
    summary: "好差评 figures for the director: levels and 好评率 per matter, department, window and clerk; 差评 rectified on time; call-back rate",
    handler: async ({ req, query }) => {
      const [ability] = await me(req);
      assertCan(ability, 'read', 'Report');
      const [from, to] = period(query, deps.ratings.now());
      return ratingFigures(deps.ratings.ratings, accessibleFilter(ability, 'read', 'Report'), from, to, deps.ratings.now());
    },
  });
}

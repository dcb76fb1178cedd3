import type { Connection } from 'mongoose';
import type { AuditTrail } from '../audit/index.ts';
import type { Authority } from '../authz/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { UserTaskListener, WorkflowEngine } from '../engine/index.ts';
import { Ratings, RectificationActions, ratingCheckLimit, ratingRoutes } from '../ratings/index.ts';
import type { Api } from '../shared/http.ts';
import type { FailureCounter } from '../shared/limiter.ts';
import type { Logger } from '../shared/logger.ts';
import type { TaskBoard } from '../tasks/index.ts';
import { HotlineActions, type BoardActions } from './actions.ts';
import { InboundOrders } from './inbound.ts';
import type { HotlineLimits } from './limits.ts';
import type { HotlineOrder } from './model.ts';
import { HotlineOrders } from './orders.ts';
import { ReplyOutbox } from './outbox.ts';
import { hotlineProgressListener, type HotlineFollowUps } from './progress.ts';
import { hotlineRoutes } from './routes.ts';

/** How the hall reaches the provincial 12345 platform and how long a bad rating may take. */
export interface HotlineSettings {
  /** HOTLINE_PLATFORM_SECRET; without it inbound orders are refused and replies wait. */
  platformSecret?: string;
  /** HOTLINE_PLATFORM_URL. */
  platformUrl?: string;
  /** RATING_RECTIFY_DAYS (default 15). */
  rectifyDays?: number;
  limits?: Partial<HotlineLimits>;
  /** The platform's transport (tests point it at a local server through the platform URL instead). */
  fetch?: typeof fetch;
}

export interface HotlineFeatureDeps extends HotlineSettings {
  db: Connection;
  engine: WorkflowEngine;
  calendar: CalendarService;
  trail: AuditTrail;
  authority: Authority;
  board: TaskBoard;
  boardActions: BoardActions;
  limiter(scope: string, max: number, windowMs: number): FailureCounter;
  logger?: Logger;
  clock?: () => Date;
}

export interface HotlineFeature {
  orders: HotlineOrders;
  ratings: Ratings;
  outbox: ReplyOutbox;
  /** Applies completed hotline steps to their orders (after a crash, from the engine's redelivery). */
  listener: UserTaskListener;
  /** Start-up and sweep: rectifications left unstarted, replies left undelivered. */
  sweep(): Promise<void>;
}

/** 12345 work orders and 好差评, composed: orders, ratings, their board steps, the reply outbox, the routes. */
export function hotlineFeature(api: Api, deps: HotlineFeatureDeps): HotlineFeature {
  const orders = new HotlineOrders({ db: deps.db, calendar: deps.calendar, engine: deps.engine, trail: deps.trail, clock: deps.clock, limits: deps.limits });
  const ratings = new Ratings({ db: deps.db, engine: deps.engine, trail: deps.trail, days: orders.clock, rectifyDays: deps.rectifyDays, clock: deps.clock });
  const outbox = new ReplyOutbox({ db: deps.db, secret: deps.platformSecret, platformUrl: deps.platformUrl, clock: deps.clock, logger: deps.logger, fetch: deps.fetch });
  const follow: HotlineFollowUps = {
    async onClosed(order: HotlineOrder) {
      await ratings.rateOrder(order);
      await outbox.enqueue(order);
      // saved above; a failed delivery is retried by the sweep
      outbox.drain().catch((err: unknown) => deps.logger?.warn({ err }, 'hotline reply outbox drain failed'));
    },
  };
  const actions = new HotlineActions({ orders, board: deps.boardActions, follow });
  hotlineRoutes(api, { orders, actions, inbound: new InboundOrders(deps.db, orders, deps.platformSecret), board: deps.board, authority: deps.authority, follow });
  ratingRoutes(api, {
    ratings, rectification: new RectificationActions(ratings, deps.boardActions), board: deps.board, authority: deps.authority,
    limiter: deps.limiter('rating-checks', ratingCheckLimit.max, ratingCheckLimit.windowMs),
  });
  return {
    orders, ratings, outbox, listener: hotlineProgressListener(orders, follow),
    async sweep() {
      await ratings.resumeRectifications();
      await outbox.drain();
    },
  };
}

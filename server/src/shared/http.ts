import express, { type Request, type RequestHandler, type Response } from 'express';
import { z, type ZodType } from 'zod';
import type { Action, SubjectName } from '../authz/vocabulary.ts';
import { validationFailed } from './errors.ts';
import { limitGuard, limitOf } from './limits.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route at all; finer rules are CASL's, asked inside the handler. */
export type Access = 'public' | 'user';

/**
 * The question a signed-in route asks the user's ability before it reads its input: may they
 * `action` some `subject` at all (`ability.can(action, subject)` on the type)? Several: any one
 * suffices. The record-level question (this case, this task) stays in the handler. A route without
 * one must be listed as open to every signed-in user (authz/route-guard.test.ts).
 */
export type Ask = readonly [action: Action, subject: SubjectName];

/** Asks the ability of the request's user; throws 403 when none of `asks` is allowed (authz/route-guard.ts). */
export type RouteGuard = (req: Request, asks: readonly Ask[]) => Promise<void>;

export interface HandlerContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path, e.g. `/api/matters/:code`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Asked of the ability before anything else (see `Ask`); only on `access: 'user'` routes. */
  ask?: Ask | readonly Ask[];
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** HTTP status of a successful answer (200 unless said). */
  status?: number;
  /** Media type of a successful answer when it is not JSON (a PDF, say). */
  produces?: string;
  /** Returns the JSON body, or sends the answer itself through `res`. */
  handler: (ctx: HandlerContext<P, Q, B>) => unknown;
}

/**
 * The one way a feature declares an HTTP route: the same declaration registers the Express handler
 * (with validation) and feeds the OpenAPI document, so the two cannot drift apart.
 */
export class Api {
  readonly routes: RouteSpec[] = [];
  readonly router = express.Router();

  constructor(private readonly authenticate: RequestHandler, private readonly guard?: RouteGuard) {}

  add<P, Q, B>(spec: RouteSpec<P, Q, B>): void {
    this.routes.push(spec as RouteSpec);
    const handlers: RequestHandler[] = [limitGuard(limitOf(spec))];
    if (spec.access === 'user') handlers.push(this.authenticate);
    const asks = asksOf(spec);
    if (spec.access === 'user' && asks.length > 0 && this.guard) {
      const guard = this.guard;
      handlers.push(async (req, _res, next) => {
        await guard(req, asks);
        next();
      });
    }
    handlers.push(async (req, res) => {
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({ req, res, params, query, body } as HandlerContext<P, Q, B>);
      if (!res.headersSent) res.status(spec.status ?? 200).json(result ?? {});
    });
    this.router[spec.method](spec.path, ...handlers);
  }
}

/** The asks of a route as a list (none when it declares none). */
export function asksOf(spec: Pick<RouteSpec, 'ask'>): readonly Ask[] {
  if (!spec.ask) return [];
  return typeof spec.ask[0] === 'string' ? [spec.ask as Ask] : (spec.ask as readonly Ask[]);
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationFailed(
    parsed.error.issues.map((issue) => ({
      field: [where, ...issue.path.map(String)].join('.'),
      message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    })),
  );
}

/** Query strings: only plain strings, never objects or arrays; unknown keys refused. */
export const queryObject = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);

export const paging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

import type { Request, RequestHandler } from 'express';
import { problem } from './errors.ts';

/**
 * Request size and rate limits per route, in one table (docs/reliability.md repeats it). The first
 * row that matches a route applies. `bodyBytes` undefined: the app-wide JSON limit (BODY_LIMIT, 1 MB)
 * — BPMN publishing and attachments need it. Rates are counted per client address, per minute, in
 * each server process (in topology cluster each process counts its own: put the hall's reverse proxy
 * in front for a hall-wide limit). Signed-in routes are not rate-limited: every call is a named
 * official's and is in the audit trail; guessing is what public routes and sign-in invite.
 */
/** What a row looks at of a route (an `Api` route spec fits; kept structural so http.ts and this file do not import each other). */
export interface LimitedRoute { method: string; path: string; access: string }

export interface RouteLimit {
  /** What the row covers, as the docs name it. */
  name: string;
  matches(route: LimitedRoute): boolean;
  bodyBytes?: number;
  perMinutePerAddress?: number;
}

export const routeLimits: RouteLimit[] = [
  { name: 'POST /api/auth/sign-in', matches: (r) => r.method === 'post' && r.path === '/api/auth/sign-in', bodyBytes: 4 * 1024, perMinutePerAddress: 300 },
  { name: 'other public routes (progress, verification, refresh, health)', matches: (r) => r.access === 'public', bodyBytes: 16 * 1024, perMinutePerAddress: 600 },
  { name: 'signed-in routes', matches: () => true },
];

export const limitOf = (route: LimitedRoute): RouteLimit => routeLimits.find((l) => l.matches(route))!;

/** Enforces a row: 413 PAYLOAD_TOO_LARGE over its body size, 429 TOO_MANY_REQUESTS (with Retry-After) over its rate. */
export function limitGuard(limit: RouteLimit, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    if (limit.bodyBytes !== undefined && bodyBytes(req) > limit.bodyBytes) {
      return next(problem('PAYLOAD_TOO_LARGE', { params: { limit: limit.bodyBytes }, fields: [{ field: 'body', message: `at most ${limit.bodyBytes} bytes` }] }));
    }
    if (limit.perMinutePerAddress !== undefined) {
      const t = now();
      const key = req.ip ?? 'unknown';
      let w = windows.get(key);
      if (!w || t - w.start >= 60_000) {
        if (windows.size > 10_000) for (const [k, old] of windows) if (t - old.start >= 60_000) windows.delete(k);
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      if (++w.count > limit.perMinutePerAddress) {
        res.set('Retry-After', String(Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000))));
        return next(problem('TOO_MANY_REQUESTS'));
      }
    }
    next();
  };
}

/** The body's size as sent (Content-Length), or as parsed when the request was chunked. */
function bodyBytes(req: Request): number {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > 0) return declared;
  return req.body && typeof req.body === 'object' && Object.keys(req.body).length ? Buffer.byteLength(JSON.stringify(req.body)) : 0;
}

import type { RequestHandler } from 'express';
import { unauthenticated } from '../shared/errors.ts';
import type { Principal, TokenService } from './tokens.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Requires `Authorization: Bearer <access token>`; puts the verified principal on the request. */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthenticated();
    req.principal = await tokens.verify(match[1]);
    next();
  };
}

export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

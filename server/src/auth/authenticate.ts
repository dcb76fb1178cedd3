import type { RequestHandler } from 'express';
import { AppError, unauthenticated } from '../shared/errors.ts';
import { principalOf } from '../shared/principal.ts';
import type { RevokedSessions } from './revocations.ts';
import type { TokenService } from './tokens.ts';

export { principalOf };

const sessionRevoked = () => new AppError({
  status: 401, code: 'SESSION_REVOKED', zh: '该登录已退出或已被注销，请重新登录', en: 'This session was signed out or revoked; sign in again',
});

/**
 * Requires `Authorization: Bearer <access token>`; puts the verified principal on the request.
 * Throws 401 UNAUTHENTICATED for a missing or invalid token and 401 SESSION_REVOKED for a token of
 * a session that was signed out or revoked (given `revoked`), however long the token has to live.
 */
export function authenticate(tokens: TokenService, revoked?: RevokedSessions): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw unauthenticated();
    const principal = await tokens.verify(match[1]);
    if (principal.sessionId && revoked && (await revoked.isRevoked(principal.sessionId))) throw sessionRevoked();
    req.principal = principal;
    next();
  };
}

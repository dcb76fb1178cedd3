import type { RequestHandler } from 'express';
import { problem } from '../shared/errors.ts';
import { principalOf } from '../shared/principal.ts';
import type { RevokedSessions } from './revocations.ts';
import type { TokenService } from './tokens.ts';

export { principalOf };

const sessionRevoked = () => problem('SESSION_REVOKED');

/**
 * Requires `Authorization: Bearer <access token>`; puts the verified principal on the request.
 * Throws 401 UNAUTHENTICATED for a missing or invalid token and 401 SESSION_REVOKED for a token of
 * a session that was signed out or revoked (given `revoked`), however long the token has to live.
 */
export function authenticate(tokens: TokenService, revoked?: RevokedSessions): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw problem('UNAUTHENTICATED');
    const principal = await tokens.verify(match[1]);
    if (principal.sessionId && revoked && (await revoked.isRevoked(principal.sessionId))) throw sessionRevoked();
    req.principal = principal;
    next();
  };
}

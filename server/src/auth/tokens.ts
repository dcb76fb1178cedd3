import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Config } from '../shared/config.ts';
import { problem } from '../shared/errors.ts';
import { roles, type Principal, type Role } from '../shared/principal.ts';

export type { Principal };

const ALGORITHM = 'HS256';

/**
 * Signs and checks access tokens with jsonwebtoken (the design card's library): algorithm pinned,
 * issuer and audience checked, `sub`, `iat` and `exp` required, short-lived.
 */
export class TokenService {
  /** A KeyObject made once, not a string turned into a key on every request. */
  private readonly key: KeyObject;

  constructor(private readonly config: Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'ACCESS_TOKEN_TTL_SECONDS'>) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  /** Life of an access token, in seconds (answered to clients as `expiresIn`). */
  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  /**
   * Signs an access token; `sessionId` (claim `sid`) ties it to its sign-in so that sign-out refuses it
   * at once. Tokens without one (minted in code by tests and benchmarks) have no session to revoke.
   */
  async sign(principal: Principal, sessionId = principal.sessionId): Promise<string> {
    const claims = { username: principal.username, roles: principal.roles, dept: principal.departmentCode, serves: principal.servesDepartmentCodes ?? [], win: principal.windowNumber, sid: sessionId };
    return jwt.sign(claims, this.key, {
      algorithm: ALGORITHM, header: { alg: ALGORITHM, typ: 'JWT' },
      subject: principal.userId, issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
  }

  /** Throws a 401 AppError for anything but a valid, unexpired token of ours. */
  async verify(token: string): Promise<Principal> {
    let payload: jwt.JwtPayload;
    try {
      const verified = jwt.verify(token, this.key, { algorithms: [ALGORITHM], issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE });
      if (typeof verified === 'string') throw new Error('not a JSON payload');
      payload = verified;
    } catch {
      throw invalidToken();
    }
    // jsonwebtoken checks `exp` only when present: a token without an expiry never runs out, so refuse it
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || typeof payload.iat !== 'number') throw invalidToken();
    const claimed: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
    return {
      userId: payload.sub,
      username: String(payload.username),
      roles: claimed.filter((r): r is Role => (roles as readonly unknown[]).includes(r)),
      departmentCode: typeof payload.dept === 'string' ? payload.dept : undefined,
      servesDepartmentCodes: Array.isArray(payload.serves) ? payload.serves.filter((d): d is string => typeof d === 'string') : [],
      windowNumber: typeof payload.win === 'string' ? payload.win : undefined,
      sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      expiresAt: payload.exp * 1000,
    };
  }
}

const invalidToken = () => problem('UNAUTHENTICATED', { params: { variant: 'tokenInvalid' } });

import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Config } from '../shared/config.ts';
import { problem } from '../shared/errors.ts';
import { roles, type Role } from './roles.ts';

export interface Principal {
  userId: string;
  username: string;
  roles: Role[];
  departmentCode?: string;
  /** Departments an approver serves besides their own (read by the ability). */
  servesDepartmentCodes?: string[];
  windowNumber?: string;
  /** The sign-in (refresh-token family) the access token belongs to: claim `sid`; sign-out revokes it. */
  sessionId?: string;
}

const ALGORITHM = 'HS256';

/** Signs and checks access tokens: algorithm pinned, issuer and audience checked, short-lived. */
export class TokenService {
  /** A KeyObject made once: from raw bytes jose would import a new key on every request. */
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
    return new SignJWT({ username: principal.username, roles: principal.roles, dept: principal.departmentCode, serves: principal.servesDepartmentCodes ?? [], win: principal.windowNumber, sid: sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(principal.userId)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** Throws a 401 AppError for anything but a valid, unexpired token of ours. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const claimed = Array.isArray(payload.roles) ? payload.roles : [];
      return {
        userId: String(payload.sub),
        username: String(payload.username),
        roles: claimed.filter((r): r is Role => (roles as readonly string[]).includes(r)),
        departmentCode: typeof payload.dept === 'string' ? payload.dept : undefined,
        servesDepartmentCodes: Array.isArray(payload.serves) ? payload.serves.filter((d): d is string => typeof d === 'string') : [],
        windowNumber: typeof payload.win === 'string' ? payload.win : undefined,
        sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      };
    } catch {
      throw problem('UNAUTHENTICATED', { params: { variant: 'tokenInvalid' } });
    }
  }
}

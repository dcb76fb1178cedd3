import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { problem } from '../shared/errors.ts';
import type { Api } from '../shared/http.ts';
import { principalOf } from './authenticate.ts';
import { signInGuard, type LockoutPolicy } from './lockout.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { principalFromUser } from './principal.ts';
import { roleNames } from './roles.ts';
import type { RevokedSessions } from './revocations.ts';
import { sessionService, type AuditSink, type SessionPolicy } from './sessions.ts';
import type { TokenService } from './tokens.ts';
import { userModel } from './user.model.ts';

const signInBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

const refreshBody = z.strictObject({
  refreshToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a refresh token'),
});

const badCredentials = () =>
  problem('BAD_CREDENTIALS');

export interface AuthDeps {
  db: Connection;
  tokens: TokenService;
  /** Where lockouts and refresh-token reuse are recorded (the audit trail). */
  audit: AuditSink;
  policy?: Partial<SessionPolicy & LockoutPolicy>;
  clock?: () => Date;
  /** Told of every revoked session at once, so its access tokens are refused from the next request (the one `authenticate` asks). */
  revoked?: RevokedSessions;
}

export function authRoutes(api: Api, deps: AuthDeps): void {
  const users = userModel(deps.db);
  const sessions = sessionService({ db: deps.db, audit: deps.audit, policy: deps.policy, clock: deps.clock, revoked: deps.revoked });
  const guard = signInGuard({ db: deps.db, audit: deps.audit, policy: deps.policy, clock: deps.clock });
  // Unknown usernames cost one scrypt too, so the answer's timing does not tell names apart; the
  // decoy hash is made up front so that even the first unknown name costs no more than a real one.
  const decoy = hashPassword(randomBytes(16).toString('hex'));

  const tokensFor = async (user: Parameters<typeof principalFromUser>[0], session: { sessionId: string; refreshToken: string }) => ({
    accessToken: await deps.tokens.sign(principalFromUser(user), session.sessionId), tokenType: 'Bearer', expiresIn: deps.tokens.ttlSeconds,
    refreshToken: session.refreshToken, user: publicUser(user as Parameters<typeof publicUser>[0]),
  });

  api.add({
    method: 'post', path: '/api/auth/sign-in', tag: 'auth', access: 'public',
    summary: 'Sign in with username and password; returns a short-lived access token and a rotating refresh token. 5 failures lock the username for 15 minutes',
    body: signInBody,
    handler: async ({ body, res }) => {
      const attempt = await guard.begin(body.username, (seconds) => res.set('retry-after', String(seconds)));
      const user = await users.findOne({ username: body.username, active: true }).lean();
      const ok = user
        ? await verifyPassword(body.password, user.passwordHash)
        : (await verifyPassword(body.password, await decoy), false);
      if (!user || !ok) {
        await attempt.failed();
        throw badCredentials();
      }
      await attempt.succeeded();
      return tokensFor(user, await sessions.start(String(user._id)));
    },
  });

  api.add({
    method: 'post', path: '/api/auth/refresh', tag: 'auth', access: 'public',
    summary: 'Trade a refresh token for a new access token and the next refresh token; a token used twice closes the session',
    body: refreshBody,
    handler: async ({ body }) => {
      const { userId, ...session } = await sessions.rotate(body.refreshToken, async (id) => {
        const found = await users.findOne({ _id: id, active: true }, { username: 1 }).lean();
        return found ? { username: found.username } : undefined;
      });
      const user = await users.findById(userId).lean();
      if (!user) throw badCredentials();
      return tokensFor(user, session);
    },
  });

  api.add({
    method: 'post', path: '/api/auth/sign-out', tag: 'auth', access: 'public',
    summary: 'Sign out: revokes the refresh token\'s whole family; its access tokens are refused from the next request on (401 SESSION_REVOKED)',
    body: refreshBody,
    handler: async ({ body }) => {
      await sessions.end(body.refreshToken);
      return { signedOut: true };
    },
  });

  api.add({
    method: 'get', path: '/api/auth/me', tag: 'auth', access: 'user',
    summary: 'The signed-in user',
    handler: async ({ req }) => {
      const user = await users.findById(principalOf(req).userId).lean();
      if (!user) throw badCredentials();
      return publicUser(user);
    },
  });
}

function publicUser(user: { _id: unknown; username: string; displayName: string; roles: (keyof typeof roleNames)[]; departmentCode?: string; servesDepartmentCodes?: string[]; windowNumber?: string }) {
  return {
    id: String(user._id), username: user.username, displayName: user.displayName,
    roles: user.roles.map((role) => ({ role, name: roleNames[role] })),
    departmentCode: user.departmentCode, servesDepartmentCodes: user.servesDepartmentCodes ?? [], windowNumber: user.windowNumber,
  };
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { AppError } from '../shared/errors.ts';
import { refreshTokenModel } from './session.model.ts';

export interface AuditSink {
  append(entry: { actor: { userId: string; username: string }; action: string; subject: { type: string; id: string }; data?: Record<string, unknown> }): Promise<unknown>;
}

export interface SessionPolicy {
  /** Life of one refresh token; each refresh issues a new one (sliding). */
  refreshTtlSeconds: number;
  /** Hard limit of a sign-in's family, however often it is refreshed. */
  familyTtlSeconds: number;
}

export const defaultSessionPolicy: SessionPolicy = { refreshTtlSeconds: 12 * 3600, familyTtlSeconds: 7 * 24 * 3600 };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const refused = (code: string, en: string, zh: string) => new AppError({ status: 401, code, en, zh });
const invalid = () => refused('REFRESH_TOKEN_INVALID', 'Invalid or expired refresh token', '刷新凭证无效或已过期，请重新登录');

/**
 * Rotating refresh tokens: opaque random (256 bits), stored hashed, one family per sign-in. Throws
 * 401 REFRESH_TOKEN_INVALID (unknown, expired, revoked) and REFRESH_TOKEN_REUSED (a spent token
 * presented again: the family is revoked, and the event audited).
 */
export function sessionService(deps: { db: Connection; audit: AuditSink; policy?: Partial<SessionPolicy>; clock?: () => Date }) {
  const tokens = refreshTokenModel(deps.db);
  const policy = { ...defaultSessionPolicy, ...deps.policy };
  const clock = deps.clock ?? (() => new Date());

  async function issue(userId: string, familyId: string, familyExpiresAt: Date, now: Date): Promise<string> {
    await tokens.init();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(now.getTime() + policy.refreshTtlSeconds * 1000, familyExpiresAt.getTime()));
    await tokens.create({ tokenHash: hashOf(token), familyId, userId, createdAt: now, expiresAt, familyExpiresAt, usedAt: null, revokedAt: null });
    return token;
  }

  const revokeFamily = (familyId: string, reason: 'signOut' | 'reuse' | 'userInactive', now: Date) =>
    tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now, revokeReason: reason } });

  return {
    /** Starts a new family at sign-in; returns its first refresh token. */
    start(userId: string): Promise<string> {
      const now = clock();
      return issue(userId, randomUUID(), new Date(now.getTime() + policy.familyTtlSeconds * 1000), now);
    },

    /**
     * Spends `token` and returns the next one of its family with the user id. `isActive` says
     * whether the user may still sign in (deactivated users lose their sessions).
     */
    async rotate(token: string, isActive: (userId: string) => Promise<{ username: string } | undefined>): Promise<{ userId: string; refreshToken: string }> {
      const now = clock();
      const found = await tokens.findOne({ tokenHash: hashOf(token) }).lean();
      if (!found || found.revokedAt || found.expiresAt <= now) throw invalid();
      // Single-document guard: of two concurrent refreshes with the same token only one spends it.
      const spent = await tokens.updateOne({ _id: found._id, usedAt: null, revokedAt: null }, { $set: { usedAt: now } });
      if (spent.modifiedCount !== 1) {
        await revokeFamily(found.familyId, 'reuse', now);
        const user = await isActive(found.userId);
        await deps.audit.append({
          actor: { userId: found.userId, username: user?.username ?? 'unknown' }, action: 'auth.refreshReuse',
          subject: { type: 'Session', id: found.familyId }, data: { firstUsedAt: found.usedAt },
        });
        throw refused('REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session is closed, sign in again', '刷新凭证已被使用，会话已注销，请重新登录');
      }
      if (!(await isActive(found.userId))) {
        await revokeFamily(found.familyId, 'userInactive', now);
        throw invalid();
      }
      return { userId: found.userId, refreshToken: await issue(found.userId, found.familyId, found.familyExpiresAt, now) };
    },

    /** Revokes the family of `token`; quietly does nothing for an unknown token. */
    async end(token: string): Promise<void> {
      const found = await tokens.findOne({ tokenHash: hashOf(token) }).lean();
      if (found) await revokeFamily(found.familyId, 'signOut', clock());
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;

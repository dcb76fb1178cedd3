import { createHash, randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { problem } from '../shared/errors.ts';
import type { RevokedSessions } from './revocations.ts';
import { refreshTokenModel, sessionRevocationModel, type SessionRevocation } from './session.model.ts';

export interface AuditSink {
  append(entry: { actor: { userId: string; username: string }; action: string; subject: { type: string; id: string }; departmentCode?: string | null; data?: Record<string, unknown> }): Promise<unknown>;
}

export interface SessionPolicy {
  /** Life of one refresh token; each refresh issues a new one (sliding). */
  refreshTtlSeconds: number;
  /** Hard limit of a sign-in's family, however often it is refreshed. */
  familyTtlSeconds: number;
}

export const defaultSessionPolicy: SessionPolicy = { refreshTtlSeconds: 12 * 3600, familyTtlSeconds: 7 * 24 * 3600 };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;

const invalid = () => problem('REFRESH_TOKEN_INVALID');

/**
 * Rotating refresh tokens: opaque random (256 bits), stored hashed, one family per sign-in. Throws
 * 401 REFRESH_TOKEN_INVALID (unknown, expired, revoked) and REFRESH_TOKEN_REUSED (a spent token
 * presented again: the family is revoked, and the event audited).
 *
 * Race safety rests on unique indexes only (FerretDB 1.24 applies guarded updates non-atomically):
 * a token's successor is unique per parent, and a family is revoked by inserting its revocation,
 * which every rotation checks after inserting the successor.
 *
 * The family id is the session id that access tokens carry (`sid`); every revocation is told to
 * `revoked` before it is stored, so this process refuses the family's access tokens at once.
 */
export function sessionService(deps: { db: Connection; audit: AuditSink; policy?: Partial<SessionPolicy>; clock?: () => Date; revoked?: RevokedSessions }) {
  const tokens = refreshTokenModel(deps.db);
  const revocations = sessionRevocationModel(deps.db);
  const policy = { ...defaultSessionPolicy, ...deps.policy };
  const clock = deps.clock ?? (() => new Date());
  const ready = () => Promise.all([tokens.init(), revocations.init()]);

  async function issue(userId: string, familyId: string, parentHash: string, familyExpiresAt: Date, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(now.getTime() + policy.refreshTtlSeconds * 1000, familyExpiresAt.getTime()));
    await tokens.create({ tokenHash: hashOf(token), parentHash, familyId, userId, createdAt: now, expiresAt, familyExpiresAt, usedAt: null, revokedAt: null });
    return token;
  }

  async function revokeFamily(familyId: string, reason: SessionRevocation['reason'], now: Date): Promise<void> {
    deps.revoked?.add(familyId);
    try {
      await revocations.create({ _id: familyId, familyId, at: now, reason });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
    // For display only: the revocation record above is what refuses the family.
    await tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now, revokeReason: reason } });
  }

  const isRevoked = async (familyId: string) => Boolean(await revocations.exists({ familyId }));

  return {
    /** Starts a new family at sign-in; returns its first refresh token and its id (the access tokens' `sid`). */
    async start(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
      await ready();
      const now = clock();
      const familyId = randomUUID();
      const refreshToken = await issue(userId, familyId, `root:${familyId}`, new Date(now.getTime() + policy.familyTtlSeconds * 1000), now);
      return { sessionId: familyId, refreshToken };
    },

    /**
     * Spends `token` and returns the next one of its family with the user id. `userOf` answers the
     * active user (deactivated users lose their sessions).
     */
    async rotate(token: string, userOf: (userId: string) => Promise<{ username: string } | undefined>): Promise<{ userId: string; sessionId: string; refreshToken: string }> {
      await ready();
      const now = clock();
      const found = await tokens.findOne({ tokenHash: hashOf(token) }).lean();
      if (!found || found.expiresAt <= now || (await isRevoked(found.familyId))) throw invalid();
      const user = await userOf(found.userId);
      if (!user) {
        await revokeFamily(found.familyId, 'userInactive', now);
        throw invalid();
      }
      let next: string | undefined;
      if (!found.usedAt) {
        try {
          next = await issue(found.userId, found.familyId, found.tokenHash, found.familyExpiresAt, now);
        } catch (error) {
          if (!isDuplicate(error)) throw error;
        }
      }
      if (!next) {
        await revokeFamily(found.familyId, 'reuse', now);
        await deps.audit.append({
          actor: { userId: found.userId, username: user.username }, action: 'auth.refreshReuse',
          subject: { type: 'Session', id: found.familyId }, data: { firstUsedAt: found.usedAt },
        });
        throw problem('REFRESH_TOKEN_REUSED');
      }
      await tokens.updateOne({ _id: found._id }, { $set: { usedAt: now } });
      // A revocation that landed while we rotated must still win.
      if (await isRevoked(found.familyId)) throw invalid();
      return { userId: found.userId, sessionId: found.familyId, refreshToken: next };
    },

    /**
     * Revokes every family of a user that may still be live (a deactivated account, or one whose roles,
     * departments or window changed): their refresh
     * and access tokens are refused from the next request on. A rare admin action, so the scan of
     * `refresh_tokens` by user is acceptable here.
     */
    async endAllOf(userId: string, reason: 'userInactive' | 'authorityChanged' = 'userInactive'): Promise<number> {
      const now = clock();
      const live = await tokens.find({ userId, familyExpiresAt: mongoose.trusted({ $gt: now }), revokedAt: null }, { familyId: 1 }).lean();
      const families = [...new Set(live.map((t) => t.familyId))];
      for (const familyId of families) await revokeFamily(familyId, reason, now);
      return families.length;
    },

    /** Revokes the family of `token`; quietly does nothing for an unknown token. */
    async end(token: string): Promise<void> {
      const found = await tokens.findOne({ tokenHash: hashOf(token) }).lean();
      if (found) await revokeFamily(found.familyId, 'signOut', clock());
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;

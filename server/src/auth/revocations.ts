import type { Connection } from 'mongoose';
import { sessionRevocationModel } from './session.model.ts';

/**
 * The sessions (refresh-token families) whose access tokens are refused before they expire: signed
 * out, closed for a reused refresh token, or of a deactivated user. Access tokens name their session
 * in the `sid` claim.
 */
export interface RevokedSessions {
  /** Remembers a revocation at once, before it is stored: this process refuses the session's tokens from now on. */
  add(sessionId: string): void;
  /** Whether the session is revoked: from memory, else one lookup of its revocation by `_id`. */
  isRevoked(sessionId: string): Promise<boolean>;
}

const MAX_VALID_ENTRIES = 10_000;

/**
 * In-process memory of revocations over the `session_revocations` collection (one server process per
 * database, docs/database.md). The sign-out path calls `add` synchronously, so this process refuses
 * the session's tokens from the next request on. Whatever memory lacks — after a restart, or a
 * revocation by another process — is read from the database by `_id` only (the one filter FerretDB
 * answers from its index); a session found not revoked is believed for `validForMs` (5 s), a revoked
 * one for as long as its access tokens can live, after which `jwtVerify` refuses them anyway.
 */
export function revokedSessions(deps: { db: Connection; tokenTtlSeconds: number; validForMs?: number; now?: () => number }): RevokedSessions {
  const revocations = sessionRevocationModel(deps.db);
  const now = deps.now ?? Date.now;
  const validForMs = deps.validForMs ?? 5_000;
  const revokedFor = deps.tokenTtlSeconds * 1000;
  /** session id → until when to remember it (its last access token has expired by then). */
  const revoked = new Map<string, number>();
  /** session id → until when "not revoked" is believed without asking the database. */
  const valid = new Map<string, number>();

  const forgetExpired = (map: Map<string, number>, at: number) => {
    for (const [id, until] of map) if (until <= at) map.delete(id);
  };
  const remember = (id: string, at: number) => {
    if (revoked.size >= MAX_VALID_ENTRIES) forgetExpired(revoked, at);
    revoked.set(id, at + revokedFor);
    valid.delete(id);
  };

  return {
    add(sessionId) {
      remember(sessionId, now());
    },

    async isRevoked(sessionId) {
      const at = now();
      if (revoked.has(sessionId)) return true;
      if ((valid.get(sessionId) ?? 0) > at) return false;
      if (await revocations.exists({ _id: sessionId })) {
        remember(sessionId, at);
        return true;
      }
      // a revocation added while the lookup ran wins
      if (revoked.has(sessionId)) return true;
      if (valid.size >= MAX_VALID_ENTRIES) {
        forgetExpired(valid, at);
        if (valid.size >= MAX_VALID_ENTRIES) valid.clear();
      }
      valid.set(sessionId, at + validForMs);
      return false;
    },
  };
}

import mongoose, { type Connection } from 'mongoose';
import { problem } from '../shared/errors.ts';
import type { AuditSink } from './sessions.ts';
import { signInAttemptModel } from './session.model.ts';

export interface LockoutPolicy {
  /** Failed attempts per username allowed within `lockSeconds`. */
  maxFailures: number;
  lockSeconds: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, lockSeconds: 15 * 60 };

/**
 * At most `maxFailures` failed sign-ins per username in any `lockSeconds` (5 in 15 minutes); a
 * further attempt is refused before its password is checked, until the oldest of those failures
 * is `lockSeconds` old. A success clears the count.
 *
 * Each attempt is inserted first and counted after, so even concurrent guesses cannot exceed the
 * limit: the k-th attempt to land sees at least k. Counted per username as typed (normalised),
 * whether or not the user exists, so a lock reveals nothing.
 */
export function signInGuard(deps: { db: Connection; audit: AuditSink; policy?: Partial<LockoutPolicy>; clock?: () => Date }) {
  const attempts = signInAttemptModel(deps.db);
  const policy = { ...defaultLockoutPolicy, ...deps.policy };
  const clock = deps.clock ?? (() => new Date());
  const keyOf = (username: string) => username.normalize('NFKC').trim().toLowerCase();
  const since = (now: Date) => mongoose.trusted({ $gt: new Date(now.getTime() - policy.lockSeconds * 1000) });

  /** Seconds until the oldest of the last `maxFailures` attempts leaves the window. */
  async function wait(key: string, now: Date): Promise<number> {
    const recent = await attempts.find({ key, at: since(now) }).sort({ at: -1 }).limit(policy.maxFailures).lean();
    if (recent.length < policy.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - 1].at.getTime() + policy.lockSeconds * 1000 - now.getTime()) / 1000));
  }

  return {
    /**
     * Registers an attempt before the password is checked. Throws 429 SIGN_IN_LOCKED when the
     * username already used up its failures; otherwise returns the attempt's settle functions.
     */
    async begin(username: string, onLocked: (seconds: number) => void): Promise<{ failed(): Promise<void>; succeeded(): Promise<void> }> {
      const key = keyOf(username);
      const now = clock();
      const refuse = (seconds: number) => {
        onLocked(seconds);
        return signInLocked(seconds);
      };
      const locked = await wait(key, now);
      if (locked > 0) throw refuse(locked);
      await attempts.init();
      const mine = await attempts.create({ key, at: now });
      const counted = await attempts.countDocuments({ key, at: since(now) });
      if (counted > policy.maxFailures) {
        await attempts.deleteOne({ _id: mine._id });
        throw refuse(await wait(key, now));
      }
      return {
        failed: async () => {
          // Attempts older than the window count no more; no TTL index on FerretDB, so prune here.
          await attempts.deleteMany({ key, at: mongoose.trusted({ $lte: new Date(now.getTime() - policy.lockSeconds * 1000) }) });
          if (counted === policy.maxFailures) {
            await deps.audit.append({ actor: { userId: 'anonymous', username: key }, action: 'auth.lockout', subject: { type: 'SignIn', id: key }, data: { failures: counted, lockSeconds: policy.lockSeconds } });
          }
        },
        succeeded: async () => {
          await attempts.deleteMany({ key });
        },
      };
    },
  };
}

export type SignInGuard = ReturnType<typeof signInGuard>;

/** 429 SIGN_IN_LOCKED: the same answer for real and unknown usernames. */
export const signInLocked = (seconds: number) =>
  problem('SIGN_IN_LOCKED', { params: { minutes: Math.ceil(seconds / 60) }, fields: [{ field: 'retryAfterSeconds', message: String(seconds) }] });

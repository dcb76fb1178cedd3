import type { Connection } from 'mongoose';
import { AppError } from '../shared/errors.ts';
import type { AuditSink } from './sessions.ts';
import { signInThrottleModel } from './session.model.ts';

export interface LockoutPolicy {
  /** Failed attempts in a row that lock the username. */
  maxFailures: number;
  lockSeconds: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, lockSeconds: 15 * 60 };

/**
 * Locks a username after repeated failed sign-ins. Counted per username as typed (normalised),
 * whether or not such a user exists, so a lock tells an attacker nothing about which names are real.
 */
export function signInGuard(deps: { db: Connection; audit: AuditSink; policy?: Partial<LockoutPolicy>; clock?: () => Date }) {
  const throttle = signInThrottleModel(deps.db);
  const policy = { ...defaultLockoutPolicy, ...deps.policy };
  const clock = deps.clock ?? (() => new Date());
  const keyOf = (username: string) => username.normalize('NFKC').trim().toLowerCase();

  return {
    /** Seconds until the username may try again; 0 when it is not locked. */
    async lockedFor(username: string): Promise<number> {
      const found = await throttle.findOne({ key: keyOf(username) }).lean();
      const now = clock();
      return found?.lockedUntil && found.lockedUntil > now ? Math.ceil((found.lockedUntil.getTime() - now.getTime()) / 1000) : 0;
    },

    async recordFailure(username: string): Promise<void> {
      const key = keyOf(username);
      const now = clock();
      await throttle.init();
      const counted = await throttle.findOneAndUpdate(
        { key }, { $inc: { failures: 1 }, $set: { lastFailureAt: now } }, { upsert: true, returnDocument: 'after' },
      ).lean();
      if ((counted?.failures ?? 0) < policy.maxFailures) return;
      const lockedUntil = new Date(now.getTime() + policy.lockSeconds * 1000);
      await throttle.updateOne({ key }, { $set: { lockedUntil, failures: 0 } });
      await deps.audit.append({ actor: { userId: 'anonymous', username: key }, action: 'auth.lockout', subject: { type: 'SignIn', id: key }, data: { lockedUntil } });
    },

    async recordSuccess(username: string): Promise<void> {
      await throttle.deleteOne({ key: keyOf(username) });
    },
  };
}

export type SignInGuard = ReturnType<typeof signInGuard>;

/** 429 SIGN_IN_LOCKED: the same answer for real and unknown usernames. */
export const signInLocked = (seconds: number) => new AppError({
  status: 429, code: 'SIGN_IN_LOCKED',
  zh: `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, en: `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`,
});

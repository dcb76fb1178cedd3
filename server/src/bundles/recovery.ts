import type { Connection } from 'mongoose';
import { principalForUser } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import type { BundleModels } from './models.ts';
import type { BundleDesk } from './receive.ts';

export interface BundleSweepDeps {
  db: Connection;
  models: BundleModels;
  desk: BundleDesk;
  authority: Pick<Authority, 'abilityFor'>;
  warn?: (fields: Record<string, unknown>, message: string) => void;
}

export interface BundleSweepResult {
  /** Bundles whose receipt was finished by this sweep. */
  finished: string[];
  /** Bundles left for the next sweep (another process holds them, or a member could not be received). */
  left: string[];
}

/**
 * A bundle half received — saved with its members' plans, some member cases made, the receipt or
 * the process not yet — because the server stopped in the middle of `POST /api/bundles`. At start-up
 * and on every sweep, each such bundle is finished for the clerk who received it, by the desk's own
 * idempotent steps under the bundle's claim: the members still missing are received under the case
 * numbers reserved for them (a case already made is found, never made twice), the one receipt is
 * issued once, the bundle process started. A bundle whose claim a live request holds is left alone.
 */
export async function sweepHalfReceivedBundles(deps: BundleSweepDeps): Promise<BundleSweepResult> {
  const open = await deps.models.cases.find({ receiving: true }, { bundleNumber: 1, receivedBy: 1 }).lean();
  const result: BundleSweepResult = { finished: [], left: [] };
  for (const { bundleNumber, receivedBy } of open) {
    try {
      const principal = await principalForUser(deps.db, receivedBy);
      // a clerk deactivated since: the bundle waits for an administrator (it is listed as left)
      if (!principal) throw new Error(`the receiving clerk ${receivedBy} is no longer active`);
      const bundle = await deps.desk.finish(principal, await deps.authority.abilityFor(principal), bundleNumber);
      (bundle.receiving ? result.left : result.finished).push(bundleNumber);
    } catch (err) {
      deps.warn?.({ err, bundleNumber }, 'half-received bundle not finished');
      result.left.push(bundleNumber);
    }
  }
  return result;
}

import type { Connection } from 'mongoose';
import { hashPassword, principalForUser, userModel, type TokenService } from '../../auth/index.ts';
import type { Role } from '../../auth/roles.ts';
import { catalogModels } from '../../catalog/index.ts';
import { delegationModel } from '../../delegations/index.ts';
import { DEMO_PASSWORD } from '../../seed/demo-users.ts';
export interface HistoryDeps {
  db: Connection;
  tokens: TokenService;
  /** The running hall, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Moves the hall's clock (and the engine's) to the given instant. */
  setClock(at: Date): void;
  log?: (line: string) => void;
}

export type Call = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * The people of the generated history, created once (a second run reuses them): the clerks of the
 * comprehensive windows C01–C17 and of each category window used, a second issuing clerk at C19,
 * an approver and an admin per department (the admin granting the approver every power), window
 * staff holding a department's decision and seal powers for its 即办件, and signed tokens for each.
 */
export async function hallStaff(deps: HistoryDeps, start: string, days: number) {
  const users = userModel(deps.db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ensure = async (username: string, roles: Role[], extra: Record<string, string>) => {
    if (!(await users.exists({ username }))) await users.create({ username, displayName: username, roles, passwordHash, ...extra });
    return (await users.findOne({ username }).lean())!;
  };
  for (let w = 1; w <= 17; w++) await ensure(`clerk.C${String(w).padStart(2, '0')}`, ['windowClerk'], { windowNumber: `C${String(w).padStart(2, '0')}` });
  await ensure('issuer.C19', ['issuingClerk'], { windowNumber: 'C19' });
  const tokenCache = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokenCache.has(username)) {
      const user = await users.findOne({ username }).lean();
      if (!user) throw new Error(`seed-history: no user ${username} (seed the catalogue and demo users first)`);
      tokenCache.set(username, await deps.tokens.sign((await principalForUser(deps.db, String(user._id)))!));
    }
    return tokenCache.get(username)!;
  };
  const as = (username: string): Call => async (method, path, body) => {
    const res = await fetch(`${deps.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${username} ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const validTo = new Date(Date.parse(`${start}T00:00:00Z`) + (days + 400) * 86_400_000).toISOString().slice(0, 10);
  // granted once per person and history span (a demo user may exist already, without the powers)
  const note = `seed-history ${start}…${validTo}`;
  const grant = async (dept: string, granteeId: string, powers: string[]) => {
    if (await delegationModel(deps.db).exists({ granteeId, note })) return;
    await as(`admin.${dept}`)('POST', '/api/delegations', { granteeId, powers, scope: { allMatters: true }, validFrom: start, validTo, note });
  };
  for (const { code } of await catalogModels(deps.db).departments.find({}, { code: 1 }).lean()) {
    const approver = await ensure(`approver.${code}`, ['approver'], { departmentCode: code });
    await ensure(`admin.${code}`, ['departmentAdmin'], { departmentCode: code });
    await grant(code, String(approver._id), ['reviewAndReport', 'coordinate', 'decide', 'useSeal']);
  }
  return {
    as,
    async clerk(window: string): Promise<string> {
      await ensure(`clerk.${window}`, ['windowClerk'], { windowNumber: window });
      return `clerk.${window}`;
    },
    async windowDecider(window: string, dept: string): Promise<string> {
      const username = `window.${window}.${dept}`;
      const staff = await ensure(username, ['windowClerk', 'approver'], { windowNumber: window, departmentCode: dept });
      await grant(dept, String(staff._id), ['decide', 'useSeal']);
      return username;
    },
  };
}

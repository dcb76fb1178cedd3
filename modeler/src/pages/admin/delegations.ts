import type { DelegatedPower } from '@server/authz/vocabulary.ts';

/** A delegation as GET /api/delegations lists it. */
export interface DelegationItem {
  id: string;
  departmentCode: string;
  grantee: { id: string; username: string };
  powers: DelegatedPower[];
  scope: { allMatters: true } | { matterCodes: string[] };
  validFrom: string;
  validTo: string;
  note?: string;
  revoked: { at: string; by: string; reason: string } | null;
  active: boolean;
}

export interface UserItem {
  id: string;
  username: string;
  displayName: string;
  roles: Array<{ role: string; name: { zh: string; en: string } }>;
  departmentCode?: string;
  servesDepartmentCodes?: string[];
  windowNumber?: string;
  active: boolean;
}

/** 今日可用章: for each matter (or the whole department), who may apply the approval seal today. */
export function sealHoldersToday(list: DelegationItem[], names: Map<string, string>): Array<{ scope: string; holders: string[]; until: string }> {
  const rows = new Map<string, { holders: string[]; until: string }>();
  for (const d of list) {
    if (!d.active || !d.powers.includes('useSeal')) continue;
    const scopes = 'allMatters' in d.scope ? ['*'] : d.scope.matterCodes;
    for (const scope of scopes) {
      const row = rows.get(scope) ?? { holders: [], until: d.validTo };
      row.holders.push(names.get(d.grantee.id) ?? d.grantee.username);
      if (d.validTo < row.until) row.until = d.validTo;
      rows.set(scope, row);
    }
  }
  return [...rows].map(([scope, row]) => ({ scope, ...row })).sort((a, b) => a.scope.localeCompare(b.scope));
}

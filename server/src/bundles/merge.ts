import type { Matter } from '../catalog/index.ts';
import { problem, validationFailed, type FieldProblem } from '../shared/errors.ts';
import type { BundleMaterial } from './models.ts';

/** Materials of different members that are the same paper under different names (the admin says so). */
export type SameAs = Array<{ name: string; materials: Array<{ matterCode: string; material: string }> }>;

/**
 * 一件事一张清单: the members' material lists merged so that a material two members need is asked
 * once. Materials named in `sameAs` become one entry under its name; the others merge by identical
 * name. An entry is required when any member requires it, and may be missing at acceptance (容缺)
 * only when every member that needs it allows that.
 */
export function mergeMaterials(members: Matter[], sameAs: SameAs = []): BundleMaterial[] {
  const problems: FieldProblem[] = [];
  const byMember = new Map(members.map((m) => [m.code, new Map(m.materials.map((x) => [x.name, x]))]));
  const grouped = new Map<string, string>();
  sameAs.forEach((group, g) => group.materials.forEach((ref, i) => {
    const field = `body.sameAs.${g}.materials.${i}`;
    if (!byMember.get(ref.matterCode)?.has(ref.material)) problems.push({ field, message: `not a material of a member: ${ref.matterCode} ${ref.material}` });
    else if (grouped.has(`${ref.matterCode}\u0000${ref.material}`)) problems.push({ field, message: `merged twice: ${ref.material}` });
    grouped.set(`${ref.matterCode}\u0000${ref.material}`, group.name);
  }));
  if (problems.length) throw validationFailed(problems);

  const merged = new Map<string, BundleMaterial>();
  for (const matter of members) {
    for (const material of matter.materials) {
      const name = grouped.get(`${matter.code}\u0000${material.name}`) ?? material.name;
      const entry = merged.get(name) ?? { name, required: false, pendingAllowed: true, sources: [] };
      entry.required ||= material.required;
      entry.pendingAllowed &&= material.pendingAllowed;
      entry.sources.push({ matterCode: matter.code, material: material.name });
      merged.set(name, entry);
    }
  }
  return [...merged.values()];
}

/**
 * A bundle promises no slower than doing its members one after another, and cannot promise faster
 * than its slowest member, which runs in parallel with the others on its own limit.
 */
export function checkPromise(promisedDays: number, members: Matter[]): void {
  const { min, max, sum } = promiseRange(members);
  if (promisedDays < min || promisedDays > max) {
    throw problem('BUNDLE_PROMISE_OUT_OF_RANGE', {
      params: { slowest: min, sum },
      fields: [{ field: 'body.promisedDays', message: `between ${min} and ${max}` }],
    });
  }
}

/** The promised limits a bundle of these members may have (the proposal page shows it as they are chosen). */
export function promiseRange(members: Array<Pick<Matter, 'promisedDays'>>): { min: number; max: number; sum: number } {
  const min = Math.max(0, ...members.map((m) => m.promisedDays));
  const sum = members.reduce((total, m) => total + m.promisedDays, 0);
  return { min, max: Math.max(sum, min), sum };
}

/** The member's own checklist from the bundle's one checklist (the names its matter uses). */
export function memberChecklist(materials: BundleMaterial[], matterCode: string, ticked: Map<string, boolean>): Array<{ name: string; provided: boolean }> {
  return materials.flatMap((m) => m.sources.filter((s) => s.matterCode === matterCode).map((s) => ({ name: s.material, provided: ticked.get(m.name) ?? false })));
}

/** The member's names of the bundle materials listed (those the member needs at all). */
export function memberNames(materials: BundleMaterial[], matterCode: string, names: string[]): string[] {
  return materials.filter((m) => names.includes(m.name)).flatMap((m) => m.sources.filter((s) => s.matterCode === matterCode).map((s) => s.material));
}

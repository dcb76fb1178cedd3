import type { Matter } from '../catalog/index.ts';
import { problem, validationFailed, type FieldProblem } from '../shared/errors.ts';
import type { CaseMaterial } from './case.model.ts';
import type { Decision } from './schemas.ts';

/**
 * The intake rules of 行政许可法第三十二条, 容缺受理 and 告知承诺, as pure checks over the matter,
 * the ticked checklist and the clerk's decision. Each throws an AppError naming the field; none
 * touches the database, so a refused intake stores nothing.
 */

/** The matter's material list with what the clerk ticked; unknown or repeated names are refused. */
export function checklist(matter: Matter, ticked: Array<{ name: string; provided: boolean }>): CaseMaterial[] {
  const known = new Set(matter.materials.map((m) => m.name));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  ticked.forEach((t, i) => {
    if (!known.has(t.name)) problems.push({ field: `body.materials.${i}.name`, message: `not a material of this matter: ${t.name}` });
    if (seen.has(t.name)) problems.push({ field: `body.materials.${i}.name`, message: `listed twice: ${t.name}` });
    seen.add(t.name);
  });
  if (problems.length) throw validationFailed(problems);
  const provided = new Set(ticked.filter((t) => t.provided).map((t) => t.name));
  return matter.materials.map((m) => ({ name: m.name, required: m.required, pendingAllowed: m.pendingAllowed, provided: provided.has(m.name) }));
}

const missingRequired = (materials: CaseMaterial[], except: Set<string> = new Set()) =>
  materials.filter((m) => m.required && !m.provided && !except.has(m.name)).map((m) => m.name);

function refuseMissing(names: string[]): never {
  throw problem('REQUIRED_MATERIALS_MISSING', { params: { materials: names }, fields: names.map((name) => ({ field: 'body.materials', message: `missing: ${name}` })) });
}

/** Checks a decision against the matter and the checklist; returns the materials it leaves open. */
export function checkDecision(matter: Matter, materials: CaseMaterial[], decision: Decision): { openMaterials: string[] } {
  switch (decision.outcome) {
    case 'accept': {
      const missing = missingRequired(materials);
      if (missing.length) refuseMissing(missing);
      return { openMaterials: [] };
    }
    case 'acceptWithPendingMaterials': {
      if (matter.handlingType === 'immediate') {
        throw problem('PENDING_NOT_FOR_IMMEDIATE', { fields: [{ field: 'body.decision.outcome', message: 'immediate matter' }] });
      }
      const byName = new Map(materials.map((m) => [m.name, m]));
      const problems: FieldProblem[] = [];
      decision.pendingMaterials.forEach((name, i) => {
        const m = byName.get(name);
        if (!m) problems.push({ field: `body.decision.pendingMaterials.${i}`, message: `not a material of this matter: ${name}` });
        else if (!m.pendingAllowed) problems.push({ field: `body.decision.pendingMaterials.${i}`, message: `a main material may not be missing (容缺): ${name}` });
        else if (m.provided) problems.push({ field: `body.decision.pendingMaterials.${i}`, message: `ticked as provided: ${name}` });
      });
      if (problems.length) {
        throw problem('PENDING_NOT_ALLOWED', { params: { materials: problems.map((p) => p.message.split(': ')[1]) }, fields: problems });
      }
      const missing = missingRequired(materials, new Set(decision.pendingMaterials));
      if (missing.length) refuseMissing(missing);
      return { openMaterials: decision.pendingMaterials };
    }
    case 'acceptOnCommitment': {
      // 国办发〔2020〕42号: only matters on the 告知承诺 list; the promise stands in for the proofs.
      if (!matter.commitmentAllowed) {
        throw problem('COMMITMENT_NOT_ALLOWED', { fields: [{ field: 'body.decision.outcome', message: 'commitment not allowed for this matter' }] });
      }
      return { openMaterials: missingRequired(materials) };
    }
    case 'requestCorrection': {
      const known = new Set(materials.map((m) => m.name));
      const unknown = decision.items.map((item, i) => ({ item, i })).filter(({ item }) => !known.has(item.material));
      if (unknown.length) throw validationFailed(unknown.map(({ item, i }) => ({ field: `body.decision.items.${i}.material`, message: `not a material of this matter: ${item.material}` })));
      return { openMaterials: [...new Set(decision.items.map((i) => i.material))] };
    }
    case 'refuse':
      return { openMaterials: [] };
    case 'receiveOnly':
      if (matter.handlingType === 'immediate') {
        throw problem('IMMEDIATE_DECIDED_AT_WINDOW', { fields: [{ field: 'body.decision.outcome', message: 'immediate matter' }] });
      }
      return { openMaterials: [] };
  }
}

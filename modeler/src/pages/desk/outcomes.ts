import type { Matter } from '@server/catalog/models.ts';
import { checkDecision, checklist } from '@server/intake/rules.ts';
import type { Decision, Outcome } from '@server/intake/schemas.ts';

export const outcomeOrder: Outcome[] = ['accept', 'acceptWithPendingMaterials', 'acceptOnCommitment', 'requestCorrection', 'refuse', 'receiveOnly'];

export interface OutcomeChoice {
  outcome: Outcome;
  allowed: boolean;
  /** Why not, from the server's own rule (Chinese and English). */
  reason?: { zh: string; en: string };
}

/**
 * The outcomes the law allows for what was ticked, decided by the server's own intake rules
 * (server/src/intake/rules.ts) run in the browser on a sample decision of each kind — so the page
 * offers exactly what the server would accept.
 */
export function lawfulOutcomes(matter: Matter, provided: Record<string, boolean>, signer: string): OutcomeChoice[] {
  const ticked = matter.materials.map((m) => ({ name: m.name, provided: Boolean(provided[m.name]) }));
  const materials = checklist(matter, ticked);
  const missing = materials.filter((m) => !m.provided).map((m) => m.name);
  const samples: Record<Outcome, Decision> = {
    accept: { outcome: 'accept' },
    acceptWithPendingMaterials: { outcome: 'acceptWithPendingMaterials', pendingMaterials: missingPendable(materials) },
    acceptOnCommitment: { outcome: 'acceptOnCommitment', commitment: { signedBy: signer || '申请人' } },
    requestCorrection: { outcome: 'requestCorrection', items: (missing.length ? missing : [matter.materials[0].name]).map((material) => ({ material, problem: '未提交' })) },
    refuse: { outcome: 'refuse', reasons: ['不属于本机关职权范围'] },
    receiveOnly: { outcome: 'receiveOnly' },
  };
  return outcomeOrder.map((outcome) => {
    const decision = samples[outcome];
    if (decision.outcome === 'acceptWithPendingMaterials' && decision.pendingMaterials.length === 0) {
      return { outcome, allowed: false, reason: { zh: '没有可容缺的缺件', en: 'No missing material may be pending' } };
    }
    try {
      checkDecision(matter, materials, decision);
      return { outcome, allowed: true };
    } catch (error) {
      const e = error as { zh?: string; message: string };
      return { outcome, allowed: false, reason: { zh: e.zh ?? e.message, en: e.message } };
    }
  });
}

export function missingPendable(materials: Array<{ name: string; required: boolean; pendingAllowed: boolean; provided: boolean }>): string[] {
  return materials.filter((m) => !m.provided && m.required && m.pendingAllowed).map((m) => m.name);
}

export function missingNames(matter: Matter, provided: Record<string, boolean>): string[] {
  return matter.materials.filter((m) => !provided[m.name]).map((m) => m.name);
}

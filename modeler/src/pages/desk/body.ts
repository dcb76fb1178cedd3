import type { Matter } from '@server/catalog/models.ts';
import { intakeBodySchema, type IntakeBody } from '@server/intake/schemas.ts';
import { z } from 'zod';
import type { DeskDraft } from './draft.ts';
import { missingNames, missingPendable } from './outcomes.ts';

// Zod's own messages (required, too long…) in Chinese; the rules themselves are the server's.
z.config(z.locales.zhCN());

/** The request body the draft stands for (the shape of intakeBodySchema). */
export function intakeBody(matter: Matter, d: DeskDraft): unknown {
  const applicant = d.applicant.kind === 'person'
    ? { kind: 'person', name: d.applicant.name, idNumber: d.applicant.idNumber }
    : { kind: 'organisation', name: d.applicant.name, uscc: d.applicant.uscc };
  const materials = matter.materials.map((m) => ({ name: m.name, provided: Boolean(d.provided[m.name]) }));
  const missing = missingNames(matter, d.provided);
  const decision = (() => {
    switch (d.outcome) {
      case 'acceptWithPendingMaterials':
        return { outcome: d.outcome, pendingMaterials: missingPendable(matter.materials.map((m) => ({ ...m, provided: Boolean(d.provided[m.name]) }))) };
      case 'acceptOnCommitment':
        return { outcome: d.outcome, commitment: { signedBy: d.commitmentSigner || d.applicant.name } };
      case 'requestCorrection':
        return { outcome: d.outcome, items: missing.map((material) => ({ material, problem: d.correctionProblems[material] || '未提交该材料' })) };
      case 'refuse':
        return { outcome: d.outcome, reasons: d.refusalReasons.split('\n').map((r) => r.trim()).filter(Boolean), ...(d.competentBody.trim() ? { competentBody: { name: d.competentBody.trim() } } : {}) };
      default:
        return { outcome: d.outcome };
    }
  })();
  return { matterCode: matter.code, applicant, contact: { name: d.contact.name, phone: d.contact.phone }, materials, decision };
}

/** The server's schema over the body: field path (as the server names it, `body.…`) → message. */
export function validate(body: unknown): { ok: true; body: IntakeBody } | { ok: false; errors: Record<string, string> } {
  const parsed = intakeBodySchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const empty = issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1;
    errors[['body', ...issue.path.map(String)].join('.')] ??= empty ? '必填 / required' : issue.message;
  }
  return { ok: false, errors };
}

/** Our bilingual messages read "中文 / English": show the side of the user's language. */
export function sideOf(message: string, locale: string): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  return locale === 'en' ? parts[1] : parts[0];
}

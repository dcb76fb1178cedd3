import type { AppAbility } from './vocabulary.ts';
import { subjectOf } from './enforce.ts';

/** The fields of a case that the read rules speak about (vocabulary.ts). */
export type CaseAccessFields = { departmentCode?: string; matterCode?: string; receivedBy?: string; stage?: string };

/**
 * Whether the user may read an issued document. A document is exactly as visible as the case it
 * belongs to (docs/authority.md): the `read Case` rule is asked of the case as it stands now — not
 * of the fields copied onto the document when it was issued, which go stale as the case moves on
 * (and are missing on some documents). A document that belongs to no known case is asked as a
 * `Document` with the fields its issuer recorded. The system admin reads neither.
 */
export function mayReadDocument(ability: AppAbility, doc: { ref?: Record<string, unknown> }, caseRecord: CaseAccessFields | null | undefined): boolean {
  if (caseRecord) return ability.can('read', subjectOf('Case', caseRecord));
  return ability.can('read', subjectOf('Document', doc.ref ?? {}));
}

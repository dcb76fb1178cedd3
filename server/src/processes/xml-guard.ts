import { bpmnDoctypeForbidden, bpmnTooLarge } from './problems.ts';

/** Largest BPMN document accepted (bytes, UTF-8). The hall's largest process is ~60 KB. */
export const DEFAULT_MAX_BPMN_BYTES = 1024 * 1024;

const declaration = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;

/**
 * Checks the raw text before any parser sees it: the size, and no document type or entity
 * declaration at all (a BPMN file never needs one; an entity bomb or an external entity does).
 * Throws BPMN_TOO_LARGE or BPMN_DOCTYPE_FORBIDDEN.
 */
export function guardXml(xml: string, maxBytes = DEFAULT_MAX_BPMN_BYTES): void {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) throw bpmnTooLarge(bytes, maxBytes);
  const found = declaration.exec(xml);
  if (found) throw bpmnDoctypeForbidden(found[1].toUpperCase());
}

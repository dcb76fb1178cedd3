import { handOverBody, type ServiceMethod } from '@server/issuing/schemas.ts';
import type { z } from 'zod';

/** What the issuing clerk fills in for a hand-over (one case or a whole bundle). */
export interface ServiceDraft { method: ServiceMethod; recipientName: string; idNumber: string; trackingNumber: string; electronicAddress: string }

export const emptyDraft = (recipientName = ''): ServiceDraft => ({ method: 'inPerson', recipientName, idNumber: '', trackingNumber: '', electronicAddress: '' });

/** The hand-over body checked by the server's own schema; the problems by field when it is not right. */
export function parseDraft(form: ServiceDraft): { data?: z.infer<typeof handOverBody>; errors: Record<string, string> } {
  const parsed = handOverBody.safeParse({
    method: form.method, recipientName: form.recipientName,
    ...(form.method === 'post' ? { trackingNumber: form.trackingNumber } : {}),
    ...(form.method === 'electronic' ? { electronicAddress: form.electronicAddress } : {}),
  });
  return parsed.success ? { data: parsed.data, errors: {} } : { errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])) };
}

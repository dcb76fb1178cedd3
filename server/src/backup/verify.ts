import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { AuditTrail, type ChainReport } from '../audit/index.ts';
import { issuedDocumentModel } from '../documents/model.ts';

export interface RestoreReport {
  audit: ChainReport;
  documents: { count: number; mismatched: string[] };
  ok: boolean;
}

/**
 * What a restored database must prove before it is trusted: the audit chain holds from its first
 * record, and every issued document's PDF still hashes to the SHA-256 recorded when it was issued.
 */
export async function verifyRestored(db: Connection): Promise<RestoreReport> {
  const audit = await new AuditTrail(db).verify();
  const mismatched: string[] = [];
  let count = 0;
  for await (const doc of issuedDocumentModel(db).find({}, { sha256: 1, pdf: 1, code: 1 }).lean().cursor()) {
    count++;
    // a lean read gives BSON Binary, not Buffer
    const raw = doc.pdf as unknown;
    const pdf = Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Uint8Array }).buffer);
    if (createHash('sha256').update(pdf).digest('hex') !== doc.sha256) mismatched.push(doc.code);
  }
  return { audit, documents: { count, mismatched }, ok: audit.ok && mismatched.length === 0 };
}

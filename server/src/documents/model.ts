import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { DocumentKind } from './kinds.ts';

/** One issued document: the PDF bytes with what proves them (SHA-256, verification code). */
export interface IssuedDocument {
  _id: Types.ObjectId;
  kind: DocumentKind;
  /** the case (办件) number the document belongs to, when it belongs to one */
  caseNumber?: string;
  /** what else the issuer recorded about the case (department, matter, stage) */
  ref: Record<string, string>;
  sha256: string;
  /** short code printed on the document and checked on the public page; unique */
  code: string;
  issuedAt: Date;
  /** date printed on the document (Asia/Shanghai) */
  issuedOn: string;
  issuedBy: string;
  size: number;
  pdf: Buffer;
}

const schema = new Schema<IssuedDocument>({
  kind: { type: String, required: true },
  caseNumber: { type: String, index: true },
  ref: { type: Schema.Types.Mixed, default: {} },
  sha256: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
  code: { type: String, required: true },
  issuedAt: { type: Date, required: true },
  issuedOn: { type: String, required: true },
  issuedBy: { type: String, required: true },
  size: { type: Number, required: true },
  pdf: { type: Buffer, required: true },
}, { collection: 'issued_documents', versionKey: false, minimize: false });
schema.index({ code: 1 }, { unique: true });

/** Issued documents; the PDF is stored inline (A4 notices are 40–150 KB, far below 16 MB). */
export function issuedDocumentModel(connection: Connection): Model<IssuedDocument> {
  return (connection.models.IssuedDocument as Model<IssuedDocument>) ?? connection.model<IssuedDocument>('IssuedDocument', schema);
}

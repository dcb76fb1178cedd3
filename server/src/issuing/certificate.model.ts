import { Schema, type Connection, type Model } from 'mongoose';
import { serviceMethods, type ServiceMethod } from './schemas.ts';

/** 电子证照: an issued certificate or licence in the registry (国务院令第716号: electronic = paper). */
export interface Certificate {
  number: string;
  title: string;
  layout: CertificateLayout;
  caseNumber: string;
  matterCode: string;
  departmentCode: string;
  holder: { name: string; idKind: 'idNumber' | 'uscc'; idValue: string };
  decidedOn: string;
  validFrom: string;
  validTo?: string;
  /** 许可范围 as the decision granted it */
  scope?: string;
  status: 'valid' | 'revoked';
  revokedAt?: Date;
  revocationReason?: string;
  documentId: string;
  verificationCode: string;
  /** 行政许可法第四十四条: issue and serve within 10 (working) days of the decision. */
  issueDueDate: string;
  /** 送达回证: how, to whom and when the certificate was served (and where, when served electronically). */
  service?: { method: ServiceMethod; recipientName: string; trackingNumber?: string; electronicAddress?: string; servedAt: Date; servedBy: string; servedByName?: string };
}

export const certificateLayouts = ['constructionPermit', 'planningPermit', 'licence'] as const;
export type CertificateLayout = (typeof certificateLayouts)[number];

const schema = new Schema<Certificate>({
  number: { type: String, required: true, unique: true },
  title: { type: String, required: true },
  layout: { type: String, enum: certificateLayouts, required: true },
  caseNumber: { type: String, required: true, unique: true },
  matterCode: { type: String, required: true },
  departmentCode: { type: String, required: true, index: true },
  holder: { name: String, idKind: String, idValue: String },
  decidedOn: String,
  validFrom: String,
  validTo: String,
  scope: String,
  status: { type: String, enum: ['valid', 'revoked'], default: 'valid' },
  revokedAt: Date,
  revocationReason: String,
  documentId: String,
  verificationCode: { type: String, required: true, unique: true },
  issueDueDate: String,
  service: { method: { type: String, enum: serviceMethods }, recipientName: String, trackingNumber: String, electronicAddress: String, servedAt: Date, servedBy: String, servedByName: String },
});

export const certificateModel = (connection: Connection): Model<Certificate> =>
  (connection.models.Certificate as Model<Certificate>) ?? connection.model<Certificate>('Certificate', schema, 'certificates');

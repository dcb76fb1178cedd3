import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { Decision } from '../intake/schemas.ts';
import { serializeWritesBy } from '../shared/serialize.ts';

/**
 * One material of a bundle's merged list (一件事一张清单): asked once, though several members need
 * it; `sources` names the member matters and the material's name in each of their own lists.
 */
export interface BundleMaterial {
  name: string;
  required: boolean;
  /** 容缺 only when every member that needs it allows it to be missing. */
  pendingAllowed: boolean;
  sources: Array<{ matterCode: string; material: string }>;
}

/** A field of the bundle's one application form (一张表单), filled once for all members. */
export interface BundleFormField {
  key: string;
  label: string;
  required: boolean;
}

export const definitionStatuses = ['proposed', 'published', 'withdrawn'] as const;
export type DefinitionStatus = (typeof definitionStatuses)[number];

/** 一件事 definition: proposed by an admin of the lead department, published by a system admin. */
export interface BundleDefinition {
  _id: Types.ObjectId;
  code: string;
  nameZh: string;
  nameEn: string;
  leadDepartmentCode: string;
  members: Array<{ matterCode: string; matterName: string; departmentCode: string }>;
  materials: BundleMaterial[];
  form: BundleFormField[];
  /** 承诺办结时限 of the whole bundle, in working days. */
  promisedDays: number;
  status: DefinitionStatus;
  proposedBy: string;
  publishedBy?: string;
  publishedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a bundle received at the desk stands (the authority rules read `stage`, vocabulary.ts). */
export type BundleStage = 'inProgress' | 'issuing' | 'closed';

export interface BundleMember {
  matterCode: string;
  matterName: string;
  departmentCode: string;
  caseNumber?: string;
  /** The case number taken before the member is received: a receipt repeated after a crash makes no second case. */
  reservedCaseNumber?: string;
  /** What the member is received with (its own checklist and outcome), kept until it is received. */
  plan?: { materials: Array<{ name: string; provided: boolean }>; decision: Decision };
  /** When the member was decided (granted, refused, terminated) and told to the bundle process. */
  decidedAt?: Date;
  outcome?: 'granted' | 'refused' | 'terminated' | 'notAccepted';
}

export interface BundleCase {
  _id: Types.ObjectId;
  bundleNumber: string;
  definitionCode: string;
  nameZh: string;
  leadDepartmentCode: string;
  windowNumber: string;
  receivedBy: string;
  receivedOn: string;
  applicant: { kind: 'person' | 'organisation'; name: string; idNumber?: string; uscc?: string };
  contact: { name: string; phone: string; phoneLast4: string };
  form: Record<string, string>;
  materials: Array<{ name: string; provided: boolean }>;
  members: BundleMember[];
  /** The bundle's own clock: promised limit in working days from the day it was received. */
  dueDate: string;
  stage: BundleStage;
  /** Set while the members are being received; a bundle left so by a crash is finished by the sweep (recovery.ts). */
  receiving?: boolean;
  receipt?: { documentId: string; verificationCode: string };
  processInstanceKey?: string;
  /** 送达回证: all certificates handed over together, once. */
  service?: { method: string; recipientName: string; trackingNumber?: string; electronicAddress?: string; servedAt: Date; servedBy: string; servedByName: string; windowNumber?: string; certificates: string[]; documentId?: string; verificationCode?: string };
  completedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const definitionSchema = new Schema<BundleDefinition>({
  code: { type: String, required: true, unique: true },
  nameZh: { type: String, required: true },
  nameEn: { type: String, required: true },
  leadDepartmentCode: { type: String, required: true, index: true },
  members: [{ _id: false, matterCode: String, matterName: String, departmentCode: String }],
  materials: [{ _id: false, name: String, required: Boolean, pendingAllowed: Boolean, sources: [{ _id: false, matterCode: String, material: String }] }],
  form: [{ _id: false, key: String, label: String, required: Boolean }],
  promisedDays: { type: Number, required: true },
  status: { type: String, enum: definitionStatuses, required: true },
  proposedBy: { type: String, required: true },
  publishedBy: String,
  publishedAt: Date,
}, { timestamps: true });

const bundleCaseSchema = new Schema<BundleCase>({
  bundleNumber: { type: String, required: true, unique: true },
  definitionCode: { type: String, required: true },
  nameZh: { type: String, required: true },
  leadDepartmentCode: { type: String, required: true },
  windowNumber: { type: String, required: true },
  receivedBy: { type: String, required: true, index: true },
  receivedOn: { type: String, required: true },
  applicant: { kind: { type: String, enum: ['person', 'organisation'] }, name: String, idNumber: String, uscc: String },
  contact: { name: String, phone: String, phoneLast4: String },
  form: { type: Schema.Types.Mixed, default: {} },
  materials: [{ _id: false, name: String, provided: Boolean }],
  members: [{ _id: false, matterCode: String, matterName: String, departmentCode: String, caseNumber: { type: String, index: true }, reservedCaseNumber: String, plan: Schema.Types.Mixed, decidedAt: Date, outcome: String }],
  dueDate: { type: String, required: true },
  stage: { type: String, enum: ['inProgress', 'issuing', 'closed'], required: true, index: true },
  receiving: { type: Boolean, index: true },
  receipt: { documentId: String, verificationCode: String },
  processInstanceKey: String,
  service: { method: String, recipientName: String, trackingNumber: String, electronicAddress: String, servedAt: Date, servedBy: String, servedByName: String, windowNumber: String, certificates: { type: [String], default: undefined }, documentId: String, verificationCode: String },
  completedAt: Date,
}, { timestamps: true });

// FerretDB 1.24 is not atomic across writers (DESIGN.md): one writer per bundle in this process.
serializeWritesBy(bundleCaseSchema, 'bundleNumber');

export interface BundleModels {
  definitions: Model<BundleDefinition>;
  cases: Model<BundleCase>;
}

export const bundleModels = (db: Connection): BundleModels => ({
  definitions: (db.models.BundleDefinition as Model<BundleDefinition>) ?? db.model<BundleDefinition>('BundleDefinition', definitionSchema, 'bundleDefinitions'),
  cases: (db.models.BundleCase as Model<BundleCase>) ?? db.model<BundleCase>('BundleCase', bundleCaseSchema, 'bundleCases'),
});

import { Schema, type Connection, type Model } from 'mongoose';
import { handlingTypes, limitUnits, matterTypes, processTemplates, resultKinds, windowCategories, type HandlingType, type LimitUnit, type MatterTypeCode, type ProcessTemplate, type ResultKind, type WindowCategory } from './vocabulary.ts';

export interface Department {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Back offices (后台审批办公室) the department sits in; 交通运输局 sits in two. */
  officeCodes: string[];
  /** 咨询电话 printed on the department's notices when the receiving window has none. */
  consultationPhone?: string;
  /**
   * 上级业务主管部门: the city department of the same line that guides a district one (中卫市市场监督管理局
   * guides 中卫市沙坡头区市场监督管理局). A lead department may bundle its line's matters (bundles/definitions.ts).
   */
  guidedBy?: string;
}

export interface Office {
  code: string;
  nameZh: string;
  nameEn: string;
  hasJointDrawingReviewRoom: boolean;
  memberDepartmentCodes: string[];
  membersNote?: string;
}

export interface HallWindow {
  number: string;
  group: 'comprehensive' | 'categorized';
  role: 'acceptance' | 'issuing';
  category: WindowCategory;
  floor?: number;
  /** 咨询电话 of the window, printed on the notices it issues. */
  consultationPhone?: string;
}

export interface Zone {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Material {
  name: string;
  required: boolean;
  /** 容缺: may be missing at acceptance (a local list, never a main material). */
  pendingAllowed: boolean;
  originals: number;
  copies: number;
  obtainableBySharing: boolean;
  note?: string;
}

export interface Matter {
  code: string;
  basicCode: string;
  implementationCode: string;
  implementingBodyUscc: string;
  nameZh: string;
  nameEn: string;
  departmentCode: string;
  windowCategory: WindowCategory;
  typeCode: MatterTypeCode;
  handlingType: HandlingType;
  legalLimit: { value: number; unit: LimitUnit; note?: string };
  promisedDays: number;
  materials: Material[];
  /** 告知承诺 allowed for this matter. */
  commitmentAllowed: boolean;
  fee: { charged: boolean; note?: string };
  result: { name: string; kind: ResultKind; isCertificate: boolean };
  processTemplate: ProcessTemplate;
  /** Process binding: the BPMN process id, latest version unless pinned. */
  process: { processId: string; version?: number };
  parallelDepartmentCodes: string[];
  constructionStage?: string;
  keywords: string[];
}

const keys = (table: object) => Object.keys(table);

const departmentSchema = new Schema<Department>({
  code: { type: String, required: true, unique: true },
  nameZh: { type: String, required: true },
  nameEn: { type: String, required: true },
  officeCodes: { type: [String], default: [] },
  consultationPhone: String,
  guidedBy: String,
});

const officeSchema = new Schema<Office>({
  code: { type: String, required: true, unique: true },
  nameZh: { type: String, required: true },
  nameEn: { type: String, required: true },
  hasJointDrawingReviewRoom: { type: Boolean, default: false },
  memberDepartmentCodes: { type: [String], default: [] },
  membersNote: String,
});

const windowSchema = new Schema<HallWindow>({
  number: { type: String, required: true, unique: true },
  group: { type: String, enum: ['comprehensive', 'categorized'], required: true },
  role: { type: String, enum: ['acceptance', 'issuing'], required: true },
  category: { type: String, enum: keys(windowCategories), required: true },
  floor: Number,
  consultationPhone: String,
});

const zoneSchema = new Schema<Zone>({
  code: { type: String, required: true, unique: true },
  nameZh: { type: String, required: true },
  nameEn: { type: String, required: true },
});

const materialSchema = new Schema<Material>({
  name: { type: String, required: true },
  required: { type: Boolean, required: true },
  pendingAllowed: { type: Boolean, default: false },
  originals: { type: Number, default: 0, min: 0 },
  copies: { type: Number, default: 0, min: 0 },
  obtainableBySharing: { type: Boolean, default: false },
  note: String,
}, { _id: false });

const matterSchema = new Schema<Matter>({
  code: { type: String, required: true, unique: true },
  basicCode: { type: String, required: true, maxlength: 12 },
  implementationCode: { type: String, required: true },
  implementingBodyUscc: { type: String, required: true },
  nameZh: { type: String, required: true },
  nameEn: { type: String, required: true },
  departmentCode: { type: String, required: true, index: true },
  windowCategory: { type: String, enum: keys(windowCategories), required: true },
  typeCode: { type: String, enum: keys(matterTypes), required: true },
  handlingType: { type: String, enum: keys(handlingTypes), required: true },
  legalLimit: { value: { type: Number, min: 0 }, unit: { type: String, enum: keys(limitUnits) }, note: String },
  promisedDays: { type: Number, required: true, min: 0 },
  materials: { type: [materialSchema], default: [] },
  commitmentAllowed: { type: Boolean, default: false },
  fee: { charged: Boolean, note: String },
  result: { name: String, kind: { type: String, enum: keys(resultKinds) }, isCertificate: Boolean },
  processTemplate: { type: String, enum: keys(processTemplates), required: true },
  process: { processId: { type: String, required: true }, version: Number },
  parallelDepartmentCodes: { type: [String], default: [] },
  constructionStage: String,
  keywords: { type: [String], default: [] },
});

function model<T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (connection.models[name] as Model<T>) ?? connection.model<T>(name, schema, collection);
}

export const catalogModels = (connection: Connection) => ({
  departments: model(connection, 'Department', departmentSchema, 'departments'),
  offices: model(connection, 'Office', officeSchema, 'offices'),
  windows: model(connection, 'HallWindow', windowSchema, 'windows'),
  zones: model(connection, 'Zone', zoneSchema, 'zones'),
  matters: model(connection, 'Matter', matterSchema, 'matters'),
});
export type CatalogModels = ReturnType<typeof catalogModels>;

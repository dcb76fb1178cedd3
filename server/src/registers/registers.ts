import mongoose, { type Connection, type Model } from 'mongoose';
import { z } from 'zod';
import { sealUseModel, type SealUse } from '../approval/index.ts';
import { caseReads, type Case } from '../intake/index.ts';
import { certificateModel, type Certificate } from '../issuing/index.ts';
import { supervisionModel, type Supervision } from '../notifications/index.ts';
import type { Column } from './csv.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const code = z.string().regex(/^[a-z0-9_]{2,40}$/, 'a code');
/** Filters every register offers. */
export const commonQuery = { departmentCode: code.optional(), matterCode: code.optional(), from: day.optional(), to: day.optional() };
const trusted = (op: Record<string, unknown>) => mongoose.trusted(op);
/** Hall days (Asia/Shanghai) [from, to] as an instant range. */
const instantRange = (from?: string, to?: string) => (from || to ? {
  at: trusted({ ...(from ? { $gte: new Date(`${from}T00:00:00+08:00`) } : {}), ...(to ? { $lt: new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000) } : {}) }),
} : {});
const dayRange = (field: string, from?: string, to?: string) => (from || to ? { [field]: trusted({ ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) }) } : {});

/** A register: where its rows live, how its query narrows them, what a row shows and exports. */
export interface Register<Q, D, R> {
  name: string;
  summary: string;
  query: z.ZodRawShape;
  model(db: Connection): Model<D>;
  filter(query: Q, today: string): Record<string, unknown>;
  sort: Record<string, 1 | -1>;
  row(doc: D): R;
  columns: Column<R>[];
}

type Common = { departmentCode?: string; matterCode?: string; from?: string; to?: string };

/** 用印登记簿: every use of the 行政审批专用章, who, on what, under which delegation. */
export const sealUses: Register<Common & { username?: string }, SealUse, Record<string, unknown>> = {
  name: 'seal-uses',
  summary: '用印登记簿: uses of the administrative approval seal (who, which document and case, under which delegation, when)',
  query: { ...commonQuery, username: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional() },
  model: sealUseModel,
  filter: (q) => ({ ...(q.matterCode ? { matterCode: q.matterCode } : {}), ...(q.username ? { username: q.username } : {}), ...instantRange(q.from, q.to) }),
  sort: { at: -1 },
  row: (u) => ({ at: u.at, departmentCode: u.departmentCode, matterCode: u.matterCode, caseNumber: u.caseNumber, documentKind: u.documentKind, documentNumber: u.documentNumber, documentId: u.documentId, username: u.username, delegationId: u.delegationId }),
  columns: [
    { header: '用印时间', value: (r) => (r.at as Date).toISOString() }, { header: '部门', value: (r) => r.departmentCode as string },
    { header: '事项', value: (r) => r.matterCode as string }, { header: '办件编号', value: (r) => r.caseNumber as string },
    { header: '文书种类', value: (r) => r.documentKind as string }, { header: '文号', value: (r) => r.documentNumber as string },
    { header: '用印人', value: (r) => r.username as string }, { header: '授权编号', value: (r) => r.delegationId as string },
  ],
};

/** 证照登记簿: issued certificates with their validity and status (有效、已过期、已撤销). */
export const certificates: Register<Common & { status?: 'valid' | 'expired' | 'revoked'; number?: string }, Certificate, Record<string, unknown>> = {
  name: 'certificates',
  summary: '证照登记簿: certificates issued (number, holder, decision date, validity, status, service); from/to filter the decision date',
  query: { ...commonQuery, status: z.enum(['valid', 'expired', 'revoked']).optional(), number: z.string().regex(/^[A-Z]{2,8}\d{10}$/).optional() },
  model: certificateModel,
  filter: (q, today) => ({
    ...(q.matterCode ? { matterCode: q.matterCode } : {}), ...(q.number ? { number: q.number } : {}), ...dayRange('decidedOn', q.from, q.to),
    ...(q.status === 'revoked' ? { status: 'revoked' } : {}),
    ...(q.status === 'expired' ? { status: 'valid', validTo: trusted({ $lt: today }) } : {}),
    ...(q.status === 'valid' ? { status: 'valid', $or: [{ validTo: trusted({ $exists: false }) }, { validTo: null }, { validTo: trusted({ $gte: today }) }] } : {}),
  }),
  sort: { decidedOn: -1, number: -1 },
  row: (c) => ({
    number: c.number, title: c.title, departmentCode: c.departmentCode, matterCode: c.matterCode, caseNumber: c.caseNumber, holder: c.holder.name,
    decidedOn: c.decidedOn, validFrom: c.validFrom, validTo: c.validTo ?? null, scope: c.scope ?? null, status: c.status, revokedAt: c.revokedAt ?? null,
    servedAt: c.service?.servedAt ?? null, verificationCode: c.verificationCode,
  }),
  columns: [
    { header: '证照编号', value: (r) => r.number as string }, { header: '证照名称', value: (r) => r.title as string },
    { header: '部门', value: (r) => r.departmentCode as string }, { header: '事项', value: (r) => r.matterCode as string },
    { header: '办件编号', value: (r) => r.caseNumber as string }, { header: '持证主体', value: (r) => r.holder as string },
    { header: '决定日期', value: (r) => r.decidedOn as string }, { header: '有效期自', value: (r) => r.validFrom as string },
    { header: '有效期至', value: (r) => (r.validTo as string | null) ?? '长期' }, { header: '许可范围', value: (r) => r.scope as string },
    { header: '状态', value: (r) => r.status as string }, { header: '送达时间', value: (r) => (r.servedAt ? (r.servedAt as Date).toISOString() : '') },
  ],
};

/** 督办登记簿: supervision records opened for overdue steps and cases. */
export const supervisions: Register<Common & { open?: 'true' | 'false'; caseNumber?: string }, Supervision, Record<string, unknown>> = {
  name: 'supervisions',
  summary: '督办登记簿: supervision records opened when a step or a case ran overdue (open or closed)',
  query: { ...commonQuery, open: z.enum(['true', 'false']).optional(), caseNumber: z.string().regex(/^ZW\d{8}-\d{4}$/).optional() },
  model: supervisionModel,
  filter: (q) => ({
    ...(q.caseNumber ? { caseNumber: q.caseNumber } : {}),
    ...(q.open === 'true' ? { closedAt: null } : q.open === 'false' ? { closedAt: trusted({ $ne: null }) } : {}),
    ...(q.from || q.to ? { openedAt: instantRange(q.from, q.to).at } : {}),
  }),
  sort: { openedAt: -1 },
  row: (s) => ({ caseNumber: s.caseNumber, departmentCode: s.departmentCode, reason: s.reason, elementId: s.elementId, level: s.level, openedAt: s.openedAt, closedAt: s.closedAt ?? null }),
  columns: [
    { header: '办件编号', value: (r) => r.caseNumber as string }, { header: '部门', value: (r) => r.departmentCode as string },
    { header: '督办事由', value: (r) => r.reason as string }, { header: '环节', value: (r) => r.elementId as string },
    { header: '督办级别', value: (r) => r.level as string }, { header: '督办时间', value: (r) => (r.openedAt as Date).toISOString() },
    { header: '办结时间', value: (r) => (r.closedAt ? (r.closedAt as Date).toISOString() : '') },
  ],
};

export type CaseRow = Pick<Case, 'caseNumber' | 'matterCode' | 'matterName' | 'departmentCode' | 'stage' | 'acceptedOn' | 'dueDate'> & { deadlineState: string };
export const caseColumns: Column<CaseRow>[] = [
  { header: '办件编号', value: (r) => r.caseNumber }, { header: '事项', value: (r) => r.matterName }, { header: '部门', value: (r) => r.departmentCode },
  { header: '环节', value: (r) => r.stage }, { header: '受理日期', value: (r) => r.acceptedOn }, { header: '承诺办结日期', value: (r) => r.dueDate },
  { header: '时限状态', value: (r) => ({ red: '红灯（超期）', yellow: '黄灯（预警）', paused: '暂停计时', normal: '正常' })[r.deadlineState] ?? r.deadlineState },
];
export { caseReads };

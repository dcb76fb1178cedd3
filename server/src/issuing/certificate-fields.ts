import type { Connection } from 'mongoose';
import type { Matter } from '../catalog/index.ts';
import { nextSequence } from '../shared/sequence.ts';
import type { CertificateLayout } from './certificate.model.ts';
import { certificateRows } from './layouts.ts';
import { reservedNumber } from './numbers.ts';

/** The licence a 准予行政许可决定书 grants (approval/schemas.ts `grantSchema.licence`). */
export interface DecidedLicence {
  name: string;
  number?: string;
  scope: string;
  validFrom: string;
  validTo: string;
}

/** The part of a stored decision (approval_decisions) the certificate is made from. */
export interface DecisionForCertificate {
  _id: string;
  kind: 'grant' | 'refuse';
  departmentCode: string;
  decidedAt: Date;
  data: Record<string, unknown>;
}

/** A new number: department, year, sequence (`ZJJ2026000001`). */
async function drawNumber(db: Connection, departmentCode: string, year: string): Promise<string> {
  return `${departmentCode.toUpperCase()}${year}${String(await nextSequence(db, `certificate:${year}`)).padStart(6, '0')}`;
}

/**
 * The licence number of a decision, reserved once by the decision id so that the decision (证件编号)
 * and the certificate print the same number, and a redelivered job draws no second one; the
 * decision's own number when the decider gave one.
 */
export async function licenceNumberFor(db: Connection, decision: Pick<DecisionForCertificate, '_id' | 'departmentCode' | 'data'>, year: string): Promise<string> {
  const given = (decision.data.licence as Partial<DecidedLicence> | undefined)?.number;
  if (given) return given;
  return reservedNumber(db, `decision:${decision._id}`, () => drawNumber(db, decision.departmentCode, year));
}

/** The decision with its licence number filled in, for the decision document (grants only). */
export async function withLicenceNumber<D extends DecisionForCertificate>(db: Connection, decision: D, year: string): Promise<D> {
  if (decision.kind !== 'grant' || !decision.data.licence) return decision;
  const number = await licenceNumberFor(db, decision, year);
  return { ...decision, data: { ...decision.data, licence: { ...(decision.data.licence as object), number } } };
}

export interface CertificateFields {
  title: string;
  number: string;
  validFrom: string;
  validTo?: string;
  scope?: string;
  rows: Array<{ label: string; value: string }>;
}

/**
 * What a certificate says, taken from the decision that granted it: the licence's name, number,
 * scope and validity are the decision's (行政许可法第三十九条: the certificate records the licence
 * decided), so the certificate, the registry and the public verification can never contradict the
 * decision. Without a stored grant (a process that issues without a decision step) the matter's
 * result name and the fallback validity are used.
 */
export async function certificateFields(db: Connection, input: {
  decision?: DecisionForCertificate | null; matter: Matter; layout: CertificateLayout; project: Record<string, unknown>;
  departmentCode: string; caseNumber: string; today: string; fallbackValidTo?: string;
}): Promise<CertificateFields> {
  const { decision, matter, layout, today } = input;
  const licence = decision?.kind === 'grant' ? decision.data.licence as DecidedLicence | undefined : undefined;
  const year = today.slice(0, 4);
  const number = decision && licence
    ? await licenceNumberFor(db, decision, year)
    : await reservedNumber(db, `case:${input.caseNumber}`, () => drawNumber(db, input.departmentCode, year));
  const scope = licence?.scope ?? (typeof input.project.scope === 'string' ? input.project.scope : undefined);
  const rows = certificateRows(layout, { ...input.project, ...(scope ? { scope } : {}) }, matter);
  if (scope && !rows.some((r) => r.label === '许可范围')) rows.push({ label: '许可范围', value: scope });
  return {
    title: licence?.name ?? matter.result.name.replace(/（.*）$/, ''),
    number,
    validFrom: licence?.validFrom ?? today,
    validTo: licence ? licence.validTo : input.fallbackValidTo,
    scope,
    rows,
  };
}

/** The stored decision a job's `decisionId` names (approval_decisions), or null. */
export async function decisionOf(db: Connection, decisionId: unknown): Promise<DecisionForCertificate | null> {
  if (typeof decisionId !== 'string') return null;
  return db.collection<DecisionForCertificate>('approval_decisions').findOne({ _id: decisionId });
}

import type { Connection } from 'mongoose';
import { issuingBody, type Department } from '../catalog/index.ts';
import { z } from 'zod';
import type { JobResult } from '../engine/index.ts';
import type { IntakeService, NoticeIssuer } from '../intake/index.ts';
import { choice, defineJob, type ParsedJob } from '../jobs/define.ts';
import { caseVariables, dueInstant, noCase } from '../routing/index.ts';
import { certificateModel, type Certificate } from './certificate.model.ts';
import { certificateFields, decisionOf } from './certificate-fields.ts';
import { layoutOf } from './layouts.ts';
import { serviceMethods, type ServiceMethod } from './schemas.ts';

export interface IssuingDeps {
  db: Connection;
  intake: IntakeService;
  documents: NoticeIssuer;
  /** Years a licence is valid unless the process says otherwise (local default). */
  defaultValidYears?: number;
}

/** 行政许可法第四十四条: issue and serve within 10 days (working days, art. 82) of the decision. */
const ISSUE_DAYS = 10;

/**
 * `prepareCertificate` (缮证) renders the certificate with the department's seal and a QR code to
 * the public verification page and registers it; `issue` (发证) records the proof of service
 * (送达回证) and closes the case. Both are idempotent: one certificate per case.
 */
function issuingHandlers(deps: IssuingDeps) {
  const certificates = certificateModel(deps.db);

  /** The certificate registered once per case (unique case number): the one a killed delivery created, or this one. */
  const createOnce = async (certificate: Certificate) => {
    try {
      return await certificates.create(certificate);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return (await certificates.findOne({ caseNumber: certificate.caseNumber }))!;
    }
  };

  /** The certificate on the case (document and timeline), once. */
  const onCase = (caseNumber: string, number: string, issueDueDate: string, issued: { documentId: string; verificationCode: string }) => {
    const at = deps.intake.now();
    return deps.intake.ledger.attachDocument(caseNumber, `certificate:${caseNumber}`,
      { kind: 'certificate', documentId: issued.documentId, verificationCode: issued.verificationCode, issuedAt: at },
      { at, type: 'certificatePrepared', data: { number, issueDueDate } }, { stage: 'issuing' });
  };

  const prepareCertificate = async (job: ParsedJob<Record<never, never>, typeof prepareVariables>): Promise<JobResult> => {
    const caseDoc = await deps.intake.ledger.read(job.input.caseId);
    if (!caseDoc) return noCase(job.input.caseId);
    // a certificate never exists without its sealed decision (where the process took one)
    if (job.input.decisionId && !caseDoc.documents.some((d) => d.kind === 'licenceGrant')) {
      return { outcome: 'fail', retries: job.retries - 1, retryBackoffMs: 5000, errorMessage: `no sealed licence decision on case ${caseDoc.caseNumber} yet` };
    }
    const existing = await certificates.findOne({ caseNumber: caseDoc.caseNumber }).lean();
    const calendar = await deps.intake.calendar.calendar();
    const today = deps.intake.today();
    const decidedOn = job.input.decidedOn ?? today;
    const issueDueDate = calendar.addWorkingDays(decidedOn, ISSUE_DAYS, { countFromNextDay: true });
    if (existing) {
      await onCase(caseDoc.caseNumber, existing.number, existing.issueDueDate, { documentId: existing.documentId, verificationCode: existing.verificationCode });
      return { outcome: 'complete', variables: { certificateId: String(existing._id), certificateNumber: existing.number, issueDueAt: dueInstant(existing.issueDueDate) } };
    }
    const matter = await deps.intake.matter(caseDoc.matterCode, 'matterCode');
    const department = await deps.intake.catalog.departments.findOne({ code: caseDoc.departmentCode }).lean<Department>();
    const layout = layoutOf(matter);
    const validYears = job.input.validYears ?? deps.defaultValidYears ?? 5;
    const validTo = layout === 'licence' ? `${Number(today.slice(0, 4)) + validYears}${today.slice(4)}` : undefined;
    const project = job.input.project ?? {};
    const holderId = caseDoc.applicant.uscc ?? caseDoc.applicant.idNumber ?? '';
    const fields = await certificateFields(deps.db, {
      decision: await decisionOf(deps.db, job.input.decisionId), matter, layout, project: { builder: caseDoc.applicant.name, ...project },
      departmentCode: caseDoc.departmentCode, caseNumber: caseDoc.caseNumber, today, fallbackValidTo: validTo,
    });
    const { number } = fields;
    const issued = await deps.documents.issue({
      kind: 'certificate',
      data: {
        agency: issuingBody(department, caseDoc.departmentCode),
        title: fields.title,
        licenceNumber: number,
        holder: caseDoc.applicant.uscc
          ? { name: caseDoc.applicant.name, creditCode: caseDoc.applicant.uscc }
          : { name: caseDoc.applicant.name, idNumberMasked: `${holderId.slice(0, 6)}********${holderId.slice(-4)}` },
        rows: fields.rows,
        validFrom: fields.validFrom, validTo: fields.validTo, issuedOn: today,
      },
      ref: { ...caseDoc, stage: 'issuing' },
      issuedBy: 'system',
      once: `certificate:${caseDoc.caseNumber}`,
    });
    const created = await createOnce({
      number, title: fields.title, layout, caseNumber: caseDoc.caseNumber, matterCode: matter.code, departmentCode: caseDoc.departmentCode,
      holder: { name: caseDoc.applicant.name, idKind: caseDoc.applicant.uscc ? 'uscc' : 'idNumber', idValue: holderId },
      decidedOn, validFrom: fields.validFrom, validTo: fields.validTo, scope: fields.scope, status: 'valid', documentId: issued.documentId, verificationCode: issued.verificationCode, issueDueDate,
    });
    await onCase(caseDoc.caseNumber, number, issueDueDate, issued);
    return { outcome: 'complete', variables: { certificateId: String(created._id), certificateNumber: number, issueDueAt: dueInstant(issueDueDate) } };
  };

  const issue = async (job: ParsedJob<typeof issueHeaders, typeof issueVariables>): Promise<JobResult> => {
    const caseDoc = await deps.intake.ledger.read(job.input.caseId);
    if (!caseDoc) return noCase(job.input.caseId);
    // 即办件 (mode atWindow): handed over on the spot to the applicant's contact at the window.
    const atWindow: z.infer<typeof issueVariables>['service'] = job.headers.mode === 'atWindow' ? { method: 'inPerson', recipientName: caseDoc.contact.name, servedBy: 'window', servedByName: '窗口' } : undefined;
    const service = job.input.service ?? atWindow;
    if (!service || !serviceMethods.includes(service.method as ServiceMethod) || !service.recipientName) {
      return { outcome: 'fail', retries: 0, errorMessage: 'the hand-over did not record the service (method and recipient)' };
    }
    // 电子送达 only to the address the applicant consented to: without it there is no proof of service
    if (service.method === 'electronic' && !service.electronicAddress) {
      return { outcome: 'fail', retries: 0, errorMessage: 'electronic service did not record the address the applicant consented to' };
    }
    const method = service.method as ServiceMethod;
    const electronicAddress = method === 'electronic' ? service.electronicAddress : undefined;
    const servedAt = deps.intake.now();
    await certificateModel(deps.db).updateOne({ caseNumber: caseDoc.caseNumber, service: null }, {
      $set: { service: { method, recipientName: service.recipientName, trackingNumber: service.trackingNumber, electronicAddress, servedAt, servedBy: service.servedBy ?? '', servedByName: service.servedByName ?? service.servedBy ?? '' } },
    });
    const completed = { serviceMethod: method, ...(electronicAddress ? { electronicAddress } : {}) };
    await deps.intake.ledger.complete(caseDoc.caseNumber, `completed:${caseDoc.caseNumber}`, { at: servedAt, type: 'completed', data: completed });
    return { outcome: 'complete', variables: { issuedAt: servedAt.toISOString() } };
  };

  return { prepareCertificate, issue };
}

const prepareVariables = caseVariables.extend({
  decisionId: z.string().nullish(), decidedOn: z.string().nullish(), validYears: z.number().nullish(), project: z.record(z.string(), z.unknown()).nullish(),
});

/** `prepareCertificate` (缮证): the certificate with the seal and the verification QR code, registered once per case. */
export const prepareCertificateJob = defineJob({
  type: 'prepareCertificate', zh: '缮证',
  description: '生成证照（带专用章与核验二维码），登记到电子证照库，计算发证期限（行政许可法第四十四条：十日内）。',
  headers: {},
  variables: prepareVariables,
  writes: ['certificateId', 'certificateNumber', 'issueDueAt'],
  handler: (deps: IssuingDeps) => issuingHandlers(deps).prepareCertificate,
});

const issueHeaders = { mode: choice('发证方式', { counter: '出证窗口交付', atWindow: '综合窗口当场发证' }) };
const issueVariables = caseVariables.extend({
  service: z.object({
    method: z.string().optional(), recipientName: z.string().optional(), trackingNumber: z.string().optional(),
    electronicAddress: z.string().optional(), servedBy: z.string().optional(), servedByName: z.string().optional(),
  }).loose().nullish(),
});

/** `issue` (发证): the proof of service (送达回证) recorded and the case closed. */
export const issueJob = defineJob({
  type: 'issue', zh: '发证',
  description: '登记证照交付与送达回证（当面或邮寄），办件办结。',
  headers: issueHeaders,
  variables: issueVariables,
  writes: ['issuedAt'],
  handler: (deps: IssuingDeps) => issuingHandlers(deps).issue,
});

import mongoose from 'mongoose';
import { issuingBodyOf, hallHotline, type CatalogModels } from '../catalog/index.ts';
import type { Case, NoticeIssuer } from '../intake/index.ts';
import { personName } from '../intake/notices.ts';
import { certificateModel } from '../issuing/index.ts';
import type { BundleCase, BundleModels } from './models.ts';
import { memberProgress } from './progress.ts';

const methodNames = { inPerson: '窗口领取', post: '邮寄送达', electronic: '电子送达' } as const;

export interface ServiceReceiptDeps {
  models: BundleModels;
  catalog: CatalogModels;
  notices: NoticeIssuer;
}

/**
 * The one 送达回证 of a bundle as a PDF (templates/serviceReceipt): every certificate handed over
 * together, its matter and case, how and to whom it was served, and the 即办件 results already
 * given at the desk. Headed by the lead department (牵头部门), served at the hall's issuing window.
 * Issued once (`bundle:<number>:serviceReceipt`): a retry after a crash gets the stored document,
 * and its reference is saved on the bundle's service record.
 */
export async function issueServiceReceipt(deps: ServiceReceiptDeps, bundle: BundleCase, cases: Map<string, Case>): Promise<{ documentId: string; verificationCode: string }> {
  const service = bundle.service!;
  if (service.documentId && service.verificationCode) return { documentId: service.documentId, verificationCode: service.verificationCode };
  const served = await certificateModel(deps.models.cases.db).find({ number: mongoose.trusted({ $in: service.certificates }) }, { number: 1, title: 1, caseNumber: 1 }).lean();
  const memberOf = (caseNumber: string) => bundle.members.find((m) => m.caseNumber === caseNumber);
  // 即办件 members granted and closed by their own process before the bundle was handed over
  const atDesk = bundle.members.filter((m) => {
    const caseDoc = m.caseNumber ? cases.get(m.caseNumber) : undefined;
    return caseDoc && memberProgress(caseDoc).outcome === 'granted' && !served.some((c) => c.caseNumber === m.caseNumber) && caseDoc.handlingType === 'immediate';
  });
  const agency = await issuingBodyOf(deps.catalog.departments, bundle.leadDepartmentCode);
  const servedOn = service.servedAt.toISOString().slice(0, 10);
  const issued = await deps.notices.issue({
    kind: 'serviceReceipt',
    data: {
      agency: { ...agency, phone: hallHotline },
      documentNumber: bundle.bundleNumber,
      bundle: { name: bundle.nameZh },
      applicant: { name: bundle.applicant.name },
      service: {
        method: methodNames[service.method as keyof typeof methodNames] ?? service.method, recipientName: service.recipientName,
        trackingNumber: service.trackingNumber, electronicAddress: service.electronicAddress,
        servedBy: personName(service.servedByName), window: service.windowNumber ? `${service.windowNumber} 号窗口` : agency.issuingWindow, servedOn,
      },
      documents: served.map((c) => ({ matter: memberOf(c.caseNumber)?.matterName ?? '', caseNumber: c.caseNumber, title: c.title, number: c.number })),
      issuedAtDesk: atDesk.map((m) => m.matterName),
      issuedOn: servedOn,
    },
    ref: { caseNumber: bundle.bundleNumber, departmentCode: bundle.leadDepartmentCode, matterCode: bundle.members[0].matterCode, receivedBy: bundle.receivedBy, stage: 'closed' },
    issuedBy: service.servedBy,
    once: `bundle:${bundle.bundleNumber}:serviceReceipt`,
  });
  await deps.models.cases.updateOne({ bundleNumber: bundle.bundleNumber }, { $set: { 'service.documentId': issued.documentId, 'service.verificationCode': issued.verificationCode } });
  return issued;
}

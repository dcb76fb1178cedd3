import { subjectOf } from '../authz/index.ts';
import { todayInHall } from '../calendar/index.ts';
import { z } from 'zod';
import type { JobResult } from '../engine/index.ts';
import { catalogModels, issuingBodyOf } from '../catalog/index.ts';
import { caseLedger, type Case } from '../intake/index.ts';
import { withLicenceNumber } from '../issuing/certificate-fields.ts';
import { choice, defineJob, type ParsedJob } from '../jobs/define.ts';
import { defaultAgency, type ApprovalDeps } from './context.ts';
import { decisionModel, nextDocumentNumber, sealUseModel, type DecisionDoc, type SealUse } from './models.ts';

/** What the seal job needs (the app's services give each). */
export type SealDeps = Pick<ApprovalDeps, 'db' | 'authority' | 'documents' | 'trail' | 'clock' | 'agency'>;
const kindOfHeader = { decision: 'grant', refusalDecision: 'refuse' } as const satisfies Record<string, DecisionDoc['kind']>;

const incident = (errorMessage: string): JobResult => ({ outcome: 'fail', errorMessage, retries: 0 });

/** The data of a 准予 / 不予行政许可决定书 (DOMAIN.md §2.2) from the case and the stored decision. */
function documentData(deps: SealDeps, decision: DecisionDoc, caseDoc: Case, documentNumber: string, issuedOn: string): Record<string, unknown> {
  const d = decision.data as Record<string, unknown> & { applicantAddress?: string };
  const org = caseDoc.applicant.kind === 'organisation';
  const common = {
    agency: deps.agency ?? defaultAgency, documentNumber,
    applicant: {
      name: caseDoc.applicant.name, idType: org ? '统一社会信用代码' : '居民身份证号码',
      idNumber: (org ? caseDoc.applicant.uscc : caseDoc.applicant.idNumber) ?? '—', address: d.applicantAddress ?? '—',
    },
    matter: { name: caseDoc.matterName }, applicationDate: caseDoc.receivedOn, acceptedOn: caseDoc.acceptedOn ?? caseDoc.receivedOn, issuedOn,
  };
  if (decision.kind === 'grant') {
    const licence = d.licence as Record<string, unknown>;
    return {
      ...common, findings: d.findings, legalBasis: d.legalBasis,
      licence: { ...licence, number: licence.number ?? documentNumber }, supervision: d.supervision ?? '取得许可后，应当按照许可范围依法从事活动，接受监督检查。',
    };
  }
  return {
    ...common, legalBasis: d.legalBasis ?? '《中华人民共和国行政许可法》第三十八条第二款', reasons: d.reasons,
    // 行政许可法第三十八条第二款: a refusal states the applicant's right to 行政复议 or 行政诉讼.
    remedies: d.remedies ?? { reconsiderationBody: '中卫市人民政府', court: '中卫市沙坡头区人民法院' },
  };
}

/**
 * The `seal` job (用印): issues the decision document the decide action prepared, with the
 * 行政审批专用章, and records the seal use — in `seal_uses`, on the case (document and timeline) and
 * in the audit trail. Exactly once, even if the server dies between these effects: each is
 * idempotent by the decision (the document by its name `seal:<decision>`, the seal use by its
 * unique decision, the timeline entry and the audit record by their ids), and the decision is
 * marked sealed only after all of them, so a redelivery finishes what a killed one began and
 * anything but a fully recorded seal is retried. The decider's seal-use power is asked again, as
 * it stood when they decided; without it the job raises an incident rather than seal.
 */
const sealHeaders = { document: choice('用印文书', { decision: '准予许可决定书', refusalDecision: '不予许可决定书' }) };
// the decision taken on the task board (approval/decide.ts); without it nothing may be sealed
const sealVariables = z.object({ decisionId: z.string().min(1) }).loose();

export const sealJob = defineJob({
  type: 'seal', zh: '用印',
  description: '在决定文书上加盖行政审批专用章；仅在持有用印授权者作出的决定之后执行，并记录每次用印。',
  headers: sealHeaders,
  variables: sealVariables,
  writes: ['sealedDocumentId'],
  handler: sealJobHandler,
});

function sealJobHandler(deps: SealDeps) {
  const decisions = decisionModel(deps.db);
  const clock = deps.clock ?? (() => new Date());

  return async (job: ParsedJob<typeof sealHeaders, typeof sealVariables>): Promise<JobResult> => {
    const wanted = kindOfHeader[job.headers.document];
    const { decisionId } = job.input;
    const decision = await decisions.findById(decisionId).lean<DecisionDoc>();
    if (!decision) return incident(`seal: decision ${decisionId} not found`);
    if (decision.documentId) return { outcome: 'complete', variables: { sealedDocumentId: decision.documentId } };
    if (decision.kind !== wanted) return incident(`seal: the decision is '${decision.kind}' but the step seals a '${job.customHeaders.document}'`);

    const ability = await deps.authority.abilityForUser(decision.decidedBy.userId, decision.decidedAt);
    if (!ability.can('useSeal', subjectOf('Case', { departmentCode: decision.departmentCode, matterCode: decision.matterCode, stage: 'approval' }))) {
      return incident(`seal: ${decision.decidedBy.username} held no seal-use power for ${decision.matterCode} when deciding`);
    }
    const ledger = caseLedger(deps.db);
    const caseDoc = await ledger.read(decision.caseNumber);
    if (!caseDoc) return incident(`seal: case ${decision.caseNumber} not found`);

    const documentNumber = await numberOf(deps, decision);
    const kind = decision.kind === 'grant' ? 'licenceGrant' : 'licenceRefusal';
    // one rule for the issuing body (catalog/issuing-body.ts); the licence number the certificate will carry
    const agency = deps.agency ?? await issuingBodyOf(catalogModels(deps.db).departments, decision.departmentCode);
    const licensed = await withLicenceNumber(deps.db, decision, todayInHall(decision.decidedAt).slice(0, 4));
    const issued = await deps.documents.issue({
      kind, data: documentData({ ...deps, agency }, licensed, caseDoc, documentNumber, todayInHall(decision.decidedAt)),
      ref: { caseNumber: decision.caseNumber, decisionId }, issuedBy: decision.decidedBy.username, once: `seal:${decisionId}`,
    });
    const use = await recordSealUse(deps, decision, kind, documentNumber, issued.documentId, clock());
    await ledger.attachDocument(decision.caseNumber, `seal:${decisionId}`,
      { kind, documentId: issued.documentId, verificationCode: issued.verificationCode, issuedAt: use.at },
      { at: use.at, type: 'approval.sealed', actor: decision.decidedBy.username, data: { documentId: issued.documentId, documentNumber, kind, delegationId: decision.sealDelegationId } });
    await deps.trail.append({
      actor: decision.decidedBy, action: 'seal.use', subject: { type: 'Document', id: issued.documentId }, departmentCode: decision.departmentCode,
      data: { caseNumber: decision.caseNumber, documentNumber, kind, decisionId, delegationId: decision.sealDelegationId, job: job.key },
    }, { once: `seal.use:${decisionId}` });
    await decisions.updateOne({ _id: decisionId }, { $set: { documentId: issued.documentId, verificationCode: issued.verificationCode }, $unset: { lockedUntil: 1 } });
    return { outcome: 'complete', variables: { sealedDocumentId: issued.documentId } };
  };
}

/** The decision's document number, taken once (a number drawn by a delivery that lost the race is not reused). */
async function numberOf(deps: SealDeps, decision: DecisionDoc): Promise<string> {
  if (decision.documentNumber) return decision.documentNumber;
  const drawn = await nextDocumentNumber(deps.db, decision.kind, todayInHall(decision.decidedAt).slice(0, 4));
  await decisionModel(deps.db).updateOne({ _id: decision._id, documentNumber: null }, { $set: { documentNumber: drawn } });
  return (await decisionModel(deps.db).findById(decision._id, { documentNumber: 1 }).lean())!.documentNumber!;
}

/** The one seal use of a decision (unique by decision): written now, or the one a killed delivery wrote. */
async function recordSealUse(deps: SealDeps, decision: DecisionDoc, documentKind: string, documentNumber: string, documentId: string, at: Date): Promise<SealUse> {
  const uses = sealUseModel(deps.db);
  const use: SealUse = {
    decisionId: decision._id, documentId, documentKind, documentNumber, caseNumber: decision.caseNumber,
    departmentCode: decision.departmentCode, matterCode: decision.matterCode, userId: decision.decidedBy.userId,
    username: decision.decidedBy.username, delegationId: decision.sealDelegationId, at,
  };
  try {
    await uses.create(use);
    return use;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    return (await uses.findOne({ decisionId: decision._id }).lean<SealUse>())!;
  }
}

import mongoose from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { assertCan, subjectOf, type AppAbility } from '../authz/index.ts';
import { certificateModel, type HandOverDeps } from '../issuing/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { TaskDoc } from '../tasks/index.ts';
import type { BundleCase, BundleModels } from './models.ts';
import { memberProgress } from './progress.ts';
import { issueServiceReceipt, type ServiceReceiptDeps } from './service-receipt.ts';
import type { BundleTracker } from './tracker.ts';

/** What a single case's hand-over needs (issuing/hand-over.ts), and the bundle's records. */
export interface BundleHandOverDeps extends Pick<HandOverDeps, 'board' | 'complete' | 'nameOf'>, ServiceReceiptDeps {
  tracker: BundleTracker;
}

type Service = { method: 'inPerson' | 'post' | 'electronic'; recipientName: string; trackingNumber?: string; electronicAddress?: string };

/**
 * 统一出件: every certificate of the bundle handed over together at one window, under one 送达回证.
 * Refused until every member is decided and each granted member's certificate is prepared (its
 * hand-over task open). The 送达回证 is saved on the bundle first and issued as a PDF
 * (service-receipt.ts); then each member's hand-over task is completed with that service (each
 * member's `issue` job registers it and closes the case). A retry after a crash issues the PDF
 * (once) and finishes the tasks still open with the service saved the first time.
 */
export async function handOverBundle(deps: BundleHandOverDeps, principal: Principal, ability: AppAbility, bundleNumber: string, body: Service): Promise<BundleCase> {
  const bundle = await deps.tracker.refresh(bundleNumber);
  if (!bundle || !ability.can('read', subjectOf('Bundle', bundle))) throw notFound('bundleCase');
  const cases = await deps.tracker.memberCases(bundle);
  const waiting = [...cases.values()].filter((c) => memberProgress(c).state === 'decided' && memberProgress(c).outcome === 'granted');
  const tasks = await deps.board.tasks.find({ caseNumber: mongoose.trusted({ $in: waiting.map((c) => c.caseNumber) }), step: 'handOver', state: 'open' }).lean<TaskDoc[]>();
  if (bundle.service && !tasks.length) {
    throw problem('BUNDLE_ALREADY_HANDED_OVER', { params: { bundleNumber }, fields: [{ field: 'params.bundleNumber', message: 'already handed over' }] });
  }
  assertCan(ability, 'issue', subjectOf('Bundle', bundle));
  const undecided = bundle.members.filter((m) => !m.caseNumber || !memberProgress(cases.get(m.caseNumber)!).outcome);
  const unprepared = waiting.filter((c) => !tasks.some((t) => t.caseNumber === c.caseNumber));
  if (undecided.length || unprepared.length || !waiting.length) {
    const names = [...undecided.map((m) => m.matterName), ...unprepared.map((c) => c.matterName)];
    throw problem('BUNDLE_NOT_READY_FOR_ISSUE', {
      params: { names },
      fields: [{ field: 'params.bundleNumber', message: 'not ready' }],
    });
  }
  for (const caseDoc of waiting) assertCan(ability, 'issue', subjectOf('Case', caseDoc));

  let service = bundle.service;
  if (!service) {
    const certificates = await certificateModel(deps.models.cases.db).find({ caseNumber: mongoose.trusted({ $in: waiting.map((c) => c.caseNumber) }) }, { number: 1 }).lean();
    service = { ...body, servedAt: new Date(), servedBy: principal.username, servedByName: await deps.nameOf(principal), windowNumber: principal.windowNumber, certificates: certificates.map((c) => c.number) };
    const saved = await deps.models.cases.updateOne({ bundleNumber, service: null }, { $set: { service } });
    if (saved.modifiedCount !== 1) throw problem('BUNDLE_CHANGED');
  }
  await issueServiceReceipt(deps, { ...bundle, service }, cases);
  const memberService = { method: service.method, recipientName: service.recipientName, trackingNumber: service.trackingNumber, electronicAddress: service.electronicAddress, servedBy: service.servedBy, servedByName: service.servedByName };
  for (const task of tasks) await deps.complete(principal, task, 'handedOver', { service: memberService }, { service: memberService, bundleNumber });
  return (await deps.tracker.refresh(bundleNumber))!;
}

/** The bundle a member case belongs to: its certificate is handed over only with the bundle's (issuing/hand-over.ts asks). */
export const bundleOfMember = (models: BundleModels) => async (caseNumber: string): Promise<string | undefined> =>
  (await models.cases.findOne({ 'members.caseNumber': caseNumber }, { bundleNumber: 1 }).lean())?.bundleNumber;

import mongoose from 'mongoose';
import { EngineConflict, type EngineEvent, type WorkflowEngine } from '../engine/index.ts';
import type { Case, IntakeService } from '../intake/index.ts';
import type { BundleCase, BundleModels } from './models.ts';
import { memberClosed, memberProgress } from './progress.ts';

/** How long a decision message waits for the bundle process's subscription (it opens at start). */
const MESSAGE_TTL_MS = 60 * 60_000;

/**
 * Keeps a bundle in step with its member cases and tells its process (workflows/bundle.bpmn):
 * `bundleMemberDecided` (key: the member's case number) once per decided member, `bundleIssued`
 * (key: the bundle number) once when every member is over. Each message carries an id, so a second
 * refresh of the same change publishes nothing new; the bundle's record is written after the
 * message, so a crash in between publishes again and the engine drops the duplicate.
 */
export class BundleTracker {
  constructor(private readonly deps: { models: BundleModels; intake: IntakeService; engine: WorkflowEngine }) {}

  /** Starts the bundle process for the members not yet decided (a member refused at the window is not waited for). */
  async start(bundle: BundleCase): Promise<void> {
    if (!bundle.processInstanceKey) {
      const cases = await this.memberCases(bundle);
      const pendingMembers = bundle.members.filter((m) => m.caseNumber && !memberProgress(cases.get(m.caseNumber)!).outcome).map((m) => m.caseNumber!);
      const started = await this.deps.engine.startInstance({ processId: 'bundle', variables: { bundleNumber: bundle.bundleNumber, pendingMembers } });
      await this.deps.models.cases.updateOne({ bundleNumber: bundle.bundleNumber }, { $set: { processInstanceKey: started.processInstanceKey } });
    }
    await this.refresh(bundle.bundleNumber);
  }

  /** An engine event of a member case: the bundle it belongs to is looked at again. */
  readonly onEvent = async (event: EngineEvent): Promise<void> => {
    if (!event.caseId || event.elementType === 'sequenceFlow' || event.intent === 'activated' && event.elementType !== 'userTask') return;
    const bundle = await this.deps.models.cases.findOne({ 'members.caseNumber': event.caseId }, { bundleNumber: 1 }).lean();
    if (bundle) await this.refresh(bundle.bundleNumber);
  };

  async refresh(bundleNumber: string): Promise<BundleCase | null> {
    const bundle = await this.deps.models.cases.findOne({ bundleNumber }).lean<BundleCase>();
    if (!bundle || !bundle.processInstanceKey) return bundle;
    const cases = await this.memberCases(bundle);
    for (const [i, member] of bundle.members.entries()) {
      const caseDoc = member.caseNumber ? cases.get(member.caseNumber) : undefined;
      const { outcome } = caseDoc ? memberProgress(caseDoc) : {};
      if (!caseDoc || !outcome || member.decidedAt) continue;
      await this.tell('bundleMemberDecided', caseDoc.caseNumber, `${bundleNumber}:${caseDoc.caseNumber}:decided`, { memberOutcome: outcome });
      await this.deps.models.cases.updateOne({ bundleNumber }, { $set: { [`members.${i}.decidedAt`]: new Date(), [`members.${i}.outcome`]: outcome } });
    }
    const states = bundle.members.map((m) => (m.caseNumber && cases.get(m.caseNumber) ? memberProgress(cases.get(m.caseNumber)!) : { state: 'received' as const }));
    const allDecided = states.every((s) => s.outcome);
    const allClosed = states.every((s) => memberClosed(s.state));
    if (allClosed && bundle.stage !== 'closed') {
      await this.tell('bundleIssued', bundleNumber, `${bundleNumber}:issued`);
      await this.deps.models.cases.updateOne({ bundleNumber }, { $set: { stage: 'closed', completedAt: new Date() } });
    } else if (allDecided && bundle.stage === 'inProgress') {
      await this.deps.models.cases.updateOne({ bundleNumber }, { $set: { stage: 'issuing' } });
    }
    return this.deps.models.cases.findOne({ bundleNumber }).lean<BundleCase>();
  }

  async memberCases(bundle: Pick<BundleCase, 'members'>): Promise<Map<string, Case>> {
    const numbers = bundle.members.map((m) => m.caseNumber).filter((n): n is string => Boolean(n));
    const cases = await this.deps.intake.cases.find({ caseNumber: mongoose.trusted({ $in: numbers }) }).lean<Case[]>();
    return new Map(cases.map((c) => [c.caseNumber, c]));
  }

  private async tell(name: string, correlationKey: string, messageId: string, variables: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.deps.engine.publishMessage({ name, correlationKey, messageId, variables, timeToLiveMs: MESSAGE_TTL_MS });
    } catch (error) {
      // published before (a refresh that crashed before its write): the engine kept the first one
      if (!(error instanceof EngineConflict)) throw error;
    }
  }
}

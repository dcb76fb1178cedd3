import mongoose, { type Model } from 'mongoose';
import type { CalendarService } from '../calendar/index.ts';
import { userModel } from '../auth/index.ts';
import { consultationPhone, type CatalogModels, type Department, type HallWindow, type Matter } from '../catalog/index.ts';
import type { Case } from './case.model.ts';
import { acceptanceData, conditionalAcceptanceData, correctionData, personName, receiptData, refusalData, type NoticeContext } from './notices.ts';
import { maskPhone } from './identity.ts';
import type { ApplicantNotifier, CaseProcessStarter, NoticeIssuer } from './ports.ts';
import { todayInHall } from '../calendar/index.ts';
import { ClaimStore } from '../topology/claims.ts';

const noticeData: Record<string, (ctx: NoticeContext) => Record<string, unknown>> = {
  receipt: receiptData,
  acceptance: acceptanceData,
  conditionalAcceptance: conditionalAcceptanceData,
  correction: correctionData,
  refusal: refusalData,
};

interface OutboxDeps {
  cases: Model<Case>;
  catalog: CatalogModels;
  calendar: CalendarService;
  notices: NoticeIssuer;
  processes: CaseProcessStarter;
  notifier?: ApplicantNotifier;
  clock?: () => Date;
  /** Claims with leases on each case's outbox, so that two server processes never run one entry at once. */
  claims?: ClaimStore;
  /** How long a drain holds its claim before another process may take it over (default 60 s). */
  claimTtlMs?: number;
}

/** How long a request waits for another drain of the same case to finish before it answers with what is saved. */
const DRAIN_WAIT_MS = 15_000;

/** What the applicant is told at intake, by outcome (SMS length, zh-CN). */
const intakeMessages: Record<string, string> = {
  accepted: '您的申请（办件编号{caseNumber}，{matter}）已受理，承诺办结日期{dueDate}。',
  correctionRequested: '您的申请（办件编号{caseNumber}）材料需补正，请按一次性告知书在{supplyBy}前补正。',
  refused: '您的申请（办件编号{caseNumber}）不予受理，理由及救济途径见不予受理通知书。',
  terminated: '您的申请（办件编号{caseNumber}）因容缺材料逾期未补齐，已终止办理。',
};

/**
 * The follow-ups of a saved state change. Each entry is done at most once in effect: a notice whose
 * kind the case already holds is not issued again, a process is not started for a case that has one;
 * the entry is removed only after its result is saved. What a crash leaves behind, `drainAll` finishes.
 */
export class Outbox {
  private readonly claims: ClaimStore;

  constructor(private readonly deps: OutboxDeps) {
    this.claims = deps.claims ?? new ClaimStore(deps.cases.db);
  }

  /**
   * Runs the case's pending entries under the claim `outbox:<caseNumber>`. When another drain (this
   * process's sweep, or another process) holds it, waits up to `waitMs` for it, then answers with
   * the case as saved: the holder finishes the entries.
   */
  async drain(caseNumber: string, waitMs = DRAIN_WAIT_MS): Promise<Case> {
    const ran = await this.claims.runClaimed(`outbox:${caseNumber}`, this.deps.claimTtlMs ?? 60_000, () => this.drainClaimed(caseNumber), waitMs);
    return ran.skipped ? this.load(caseNumber) : ran.value;
  }

  private async drainClaimed(caseNumber: string): Promise<Case> {
    let caseDoc = await this.load(caseNumber);
    for (const entry of [...caseDoc.outbox]) {
      try {
        await this.run(caseDoc, entry);
      } catch (error) {
        // The state change is saved; the follow-up stays in the outbox for the next sweep, and the
        // case shows why it is still pending.
        await this.deps.cases.updateOne({ caseNumber }, { $set: { outboxError: { entry, message: (error as Error).message, at: new Date() } } });
      }
      caseDoc = await this.load(caseNumber);
    }
    return caseDoc;
  }

  /** Finishes every case's pending follow-ups (start-up and the timer sweep). Returns how many cases. */
  async drainAll(): Promise<number> {
    const pending = await this.deps.cases.find({ 'outbox.0': mongoose.trusted({ $exists: true }) }, { caseNumber: 1 }).lean();
    for (const { caseNumber } of pending) await this.drain(caseNumber, 0);
    return pending.length;
  }

  private async load(caseNumber: string): Promise<Case> {
    const caseDoc = await this.deps.cases.findOne({ caseNumber }).lean<Case>();
    if (!caseDoc) throw new Error(`case ${caseNumber} vanished`);
    return caseDoc;
  }

  private async run(caseDoc: Case, entry: string): Promise<void> {
    const done = (set: Record<string, unknown> = {}, push?: Record<string, unknown>) =>
      this.deps.cases.updateOne({ caseNumber: caseDoc.caseNumber }, { $set: { ...set, outboxError: null }, $pull: { outbox: entry }, ...(push ? { $push: push } : {}) });
    const now = (this.deps.clock ?? (() => new Date()))();
    if (entry.startsWith('notice:')) {
      const kind = entry.slice('notice:'.length);
      if (caseDoc.documents.some((d) => d.kind === kind)) return void (await done());
      const ctx = await this.noticeContext(caseDoc, now);
      const issued = await this.deps.notices.issue({ kind, data: noticeData[kind](ctx), ref: caseDoc, issuedBy: caseDoc.receivedBy, once: `case:${caseDoc.caseNumber}:notice:${kind}` });
      await done({}, { documents: { kind, ...issued, issuedAt: now }, timeline: { at: now, type: 'noticeIssued', data: { kind, verificationCode: issued.verificationCode } } });
    } else if (entry === 'startProcess') {
      if (caseDoc.processInstanceKey || caseDoc.status !== 'accepted') return void (await done());
      const matter = await this.deps.catalog.matters.findOne({ code: caseDoc.matterCode }).lean<Matter>();
      const started = await this.deps.processes.start(caseDoc, matter!.process);
      await done({ processInstanceKey: started.processInstanceKey, processId: started.processId, processVersion: started.version },
        { timeline: { at: now, type: 'processStarted', data: { processId: started.processId, version: started.version } } });
    } else if (entry.startsWith('notify:')) {
      const template = entry.slice('notify:'.length);
      const values: Record<string, string | undefined> = { caseNumber: caseDoc.caseNumber, matter: caseDoc.matterName, dueDate: caseDoc.dueDate, supplyBy: caseDoc.correction?.supplyBy };
      await this.deps.notifier?.send({
        caseNumber: caseDoc.caseNumber, template, audience: 'applicant', to: maskPhone(caseDoc.contact.phone),
        text: (intakeMessages[template] ?? template).replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? ''),
        sourceKey: `case:${caseDoc.caseNumber}:${template}:${caseDoc.rev}`,
      });
      await done({}, { timeline: { at: now, type: 'notified', data: { template } } });
    } else if (entry === 'cancelProcess') {
      if (caseDoc.processInstanceKey) await this.deps.processes.cancel(caseDoc.processInstanceKey);
      await done();
    } else {
      await done();
    }
  }

  private async noticeContext(caseDoc: Case, now: Date): Promise<NoticeContext> {
    const [matter, department, window, receiver] = await Promise.all([
      this.deps.catalog.matters.findOne({ code: caseDoc.matterCode }).lean<Matter>(),
      this.deps.catalog.departments.findOne({ code: caseDoc.departmentCode }).lean<Department>(),
      this.deps.catalog.windows.findOne({ number: caseDoc.windowNumber }).lean<HallWindow>(),
      mongoose.isValidObjectId(caseDoc.receivedBy) ? userModel(this.deps.cases.db).findById(caseDoc.receivedBy, { displayName: 1 }).lean() : null,
    ]);
    const login = caseDoc.timeline.find((t) => t.type === 'received')?.actor ?? '';
    return {
      caseDoc, matter: matter!, department: department!, receiverName: receiver ? personName(receiver.displayName) : login,
      consultationPhone: consultationPhone(window, department), today: todayInHall(now),
    };
  }
}

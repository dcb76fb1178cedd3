import mongoose, { type Connection, type Model } from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { assertCan, subjectOf } from '../authz/index.ts';
import type { AppAbility } from '../authz/vocabulary.ts';
import { todayInHall, type CalendarService } from '../calendar/index.ts';
import { catalogModels, type Matter } from '../catalog/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import { caseModel, caseStatusNames, nextCaseNumber, type Case } from './case.model.ts';
import { CaseClock } from './clock.ts';
import { correctionSuppliedEffect, decisionEffect, type DecisionContext, type DecisionEffect } from './decisions.ts';
import { CaseLedger, type CaseReads } from './ledger.ts';
import { Outbox } from './outbox.ts';
import type { ApplicantNotifier, CaseProcessStarter, NoticeIssuer } from './ports.ts';
import { checkDecision, checklist } from './rules.ts';
import type { Decision, IntakeBody } from './schemas.ts';

export interface IntakeDeps {
  db: Connection;
  calendar: CalendarService;
  notices: NoticeIssuer;
  processes: CaseProcessStarter;
  /** Tells the applicant of corrections, refusals and terminations (acceptance is told by the process). */
  notifier?: ApplicantNotifier;
  clock?: () => Date;
  /** 行政许可法第三十二条: working days to issue a correction notice (5). */
  correctionNoticeDays?: number;
  /** 告知承诺: working days after the promised date by which the promise is verified (local practice). */
  commitmentVerificationDays?: number;
  /** Told of each case as saved by receipt and decisions (the director's figures, analytics/); never fails the change. */
  onCaseSaved?: (caseDoc: Case) => Promise<void>;
}

/**
 * 统一收件: a window clerk receives any matter and decides one of the outcomes of 行政许可法第三十二条.
 * Every check runs before anything is written; the case is saved (durable) before its notices are
 * rendered and its process started, and those follow-ups sit in the case's outbox until done, so a
 * crash at any point leaves work the timers finish (see outbox.ts).
 */
export class IntakeService {
  /** The case collection, read-only: intake's own writes go through `store`, everyone else's through `ledger`. */
  readonly cases: CaseReads;
  readonly ledger: CaseLedger;
  private readonly store: Model<Case>;
  readonly outbox: Outbox;
  readonly caseClock: CaseClock;
  readonly catalog;
  private readonly clock: () => Date;

  constructor(private readonly deps: IntakeDeps) {
    this.store = caseModel(deps.db);
    this.cases = this.store;
    this.catalog = catalogModels(deps.db);
    this.clock = deps.clock ?? (() => new Date());
    this.outbox = new Outbox({ ...deps, cases: this.store, catalog: this.catalog });
    this.caseClock = new CaseClock({ cases: this.store, calendar: deps.calendar, matterOf: (code) => this.matter(code, 'matterCode') });
    this.ledger = new CaseLedger(this.store, { clock: this.caseClock, now: this.clock });
  }

  get calendar(): CalendarService {
    return this.deps.calendar;
  }

  today(): string {
    return todayInHall(this.clock());
  }

  /** The hall's time (a test or the history seeder moves it): what every case change is stamped with. */
  now(): Date {
    return this.clock();
  }

  async context(matter: Matter): Promise<DecisionContext> {
    return {
      matter, calendar: await this.deps.calendar.calendar(), today: this.today(),
      countFromNextDay: this.deps.calendar.countFromNextDay,
      correctionNoticeDays: this.deps.correctionNoticeDays ?? 5,
      commitmentVerificationDays: this.deps.commitmentVerificationDays ?? 20,
      correctionSupplyDays: 20,
    };
  }

  async matter(code: string, field = 'body.matterCode'): Promise<Matter> {
    const matter = await this.catalog.matters.findOne({ code }).lean<Matter>();
    if (!matter) throw problem('MATTER_NOT_FOUND', { params: { code }, fields: [{ field, message: 'unknown matter' }] });
    return matter;
  }

  /** Whether the clerk's window receives the matter is the ability's rule (`receive` Matter, ability.ts). */
  private assertWindowMayReceive(principal: Principal, ability: AppAbility, matter: Matter): string {
    if (!principal.windowNumber || !ability.can('receive', subjectOf('Matter', matter))) {
      throw problem('WINDOW_MAY_NOT_RECEIVE', { params: { window: principal.windowNumber, matterZh: matter.nameZh }, fields: [{ field: 'body.matterCode', message: 'not received at this window' }] });
    }
    return principal.windowNumber;
  }

  /**
   * Every check of `receive`, writing nothing: what receiving would do, or the AppError it would
   * throw. A bundle (bundles/) checks all its members this way before it receives any of them.
   */
  async precheck(principal: Principal, ability: AppAbility, body: IntakeBody) {
    assertCan(ability, 'create', 'Case');
    const matter = await this.matter(body.matterCode);
    const windowNumber = this.assertWindowMayReceive(principal, ability, matter);
    const materials = checklist(matter, body.materials);
    const { openMaterials } = checkDecision(matter, materials, body.decision);
    const ctx = await this.context(matter);
    const effect = decisionEffect(ctx, { receivedOn: ctx.today, materials }, body.decision, openMaterials);
    return { matter, windowNumber, materials, ctx, effect };
  }

  /**
   * A case number taken ahead of the receipt (a bundle's member, bundles/receive.ts): the receipt
   * made with it is made once, however often it is repeated after a crash.
   */
  reserveCaseNumber(): Promise<string> {
    return nextCaseNumber(this.deps.db, this.today());
  }

  /**
   * Receives an application and applies the clerk's decision. Throws AppError; stores nothing then.
   * With a reserved `caseNumber`, a repeat finds the case the first call created and returns it.
   */
  async receive(principal: Principal, ability: AppAbility, body: IntakeBody, options: { caseNumber?: string } = {}): Promise<Case> {
    const received = options.caseNumber ? await this.receivedAs(options.caseNumber, body.matterCode) : undefined;
    if (received) return received;
    const { matter, windowNumber, materials, ctx, effect } = await this.precheck(principal, ability, body);
    const now = this.clock();
    const caseNumber = options.caseNumber ?? await nextCaseNumber(this.deps.db, ctx.today);
    const created = await this.store.create({
      caseNumber, matterCode: matter.code, matterName: matter.nameZh, departmentCode: matter.departmentCode,
      handlingType: matter.handlingType, windowNumber, receivedBy: principal.userId,
      applicant: body.applicant, contact: { ...body.contact, phoneLast4: body.contact.phone.slice(-4) },
      materials, receivedOn: ctx.today, status: 'received', stage: 'intake', documents: [],
      ...effect.set,
      outbox: ['notice:receipt', ...effect.outbox],
      timeline: [
        { at: now, type: 'received', actor: principal.username, data: { window: windowNumber, provided: materials.filter((m) => m.provided).length } },
        { at: now, ...effect.timeline, actor: principal.username },
      ],
    });
    return this.saved(await this.outbox.drain(created.caseNumber));
  }

  /** The case already received under a reserved number (its follow-ups finished), if any. */
  private async receivedAs(caseNumber: string, matterCode: string): Promise<Case | undefined> {
    const existing = await this.cases.findOne({ caseNumber }, { matterCode: 1 }).lean<Pick<Case, 'matterCode'>>();
    if (!existing) return undefined;
    if (existing.matterCode !== matterCode) throw new Error(`case number ${caseNumber} was reserved for another matter`);
    return this.saved(await this.outbox.drain(caseNumber));
  }

  /** The decision on a case that was only received, within 5 working days (art. 32). */
  async decide(principal: Principal, ability: AppAbility, caseNumber: string, decision: Decision): Promise<Case> {
    const caseDoc = await this.load(caseNumber);
    // a case the user may not read does not exist for them; one already decided is a conflict, whoever asks
    if (!ability.can('read', subjectOf('Case', caseDoc))) throw notFound('case');
    if (caseDoc.status !== 'received') throw alreadyDecided(caseDoc);
    assertCan(ability, 'update', subjectOf('Case', caseDoc));
    if (decision.outcome === 'receiveOnly') throw problem('DECISION_REQUIRED', { fields: [{ field: 'body.decision.outcome', message: 'receiveOnly is not a decision' }] });
    const matter = await this.matter(caseDoc.matterCode);
    const ctx = await this.context(matter);
    if (caseDoc.correctionNoticeDeadline && ctx.today > caseDoc.correctionNoticeDeadline) {
      throw problem('DEEMED_ACCEPTED');
    }
    const { openMaterials } = checkDecision(matter, caseDoc.materials, decision);
    return this.apply(caseDoc, decisionEffect(ctx, caseDoc, decision, openMaterials), principal.username);
  }

  /** The applicant brings everything the correction notice listed: 受理 today. */
  async supplyCorrection(principal: Principal, ability: AppAbility, caseNumber: string, names: string[]): Promise<Case> {
    const caseDoc = await this.load(caseNumber);
    assertCan(ability, 'update', subjectOf('Case', caseDoc));
    if (caseDoc.status !== 'correctionRequested') throw wrongStatus(caseDoc, '待补正 correctionRequested');
    const listed = new Set(caseDoc.correction!.items.map((i) => i.material));
    const missing = [...listed].filter((n) => !names.includes(n));
    const unknown = names.filter((n) => !listed.has(n));
    if (missing.length || unknown.length) {
      throw problem('CORRECTION_INCOMPLETE', { params: { materials: missing.length ? missing : unknown }, fields: [...missing.map((n) => ({ field: 'body.materials', message: `missing: ${n}` })), ...unknown.map((n) => ({ field: 'body.materials', message: `not in the notice: ${n}` }))] });
    }
    const ctx = await this.context(await this.matter(caseDoc.matterCode));
    const effect = correctionSuppliedEffect(ctx);
    effect.set.correction = { ...caseDoc.correction!, suppliedOn: ctx.today };
    effect.set.materials = caseDoc.materials.map((m) => (listed.has(m.name) ? { ...m, provided: true } : m));
    return this.apply(caseDoc, effect, principal.username);
  }

  /** 容缺 materials supplied after acceptance; when all are in, the result may be released. */
  async supplyPending(principal: Principal, ability: AppAbility, caseNumber: string, names: string[]): Promise<Case> {
    const caseDoc = await this.load(caseNumber);
    // Supplied at a window, after acceptance: a window clerk (may receive cases) who can see this case.
    assertCan(ability, 'create', 'Case');
    assertCan(ability, 'read', subjectOf('Case', caseDoc));
    const pending = caseDoc.pendingMaterials;
    if (caseDoc.status !== 'accepted' || !pending || pending.allSuppliedOn) throw wrongStatus(caseDoc, '容缺待补齐 accepted with pending materials');
    const unknown = names.filter((n) => !pending.names.includes(n));
    if (unknown.length) throw problem('NOT_PENDING', { params: { materials: unknown }, fields: unknown.map((n) => ({ field: 'body.materials', message: n })) });
    const today = this.today();
    const materials = caseDoc.materials.map((m) => (names.includes(m.name) ? { ...m, provided: true, suppliedOn: today } : m));
    const allIn = pending.names.every((n) => materials.find((m) => m.name === n)?.provided);
    return this.apply(caseDoc, {
      set: { materials, pendingMaterials: { ...pending, allSuppliedOn: allIn ? today : undefined } },
      outbox: [],
      timeline: { type: allIn ? 'pendingMaterialsComplete' : 'pendingMaterialsSupplied', data: { materials: names } },
    }, principal.username);
  }

  /**
   * The applicant brings the corrected materials or revised drawings a back-office step asked for:
   * the waiting process is told (message `correctionSubmitted` / `drawingsResubmitted`, keyed by the
   * case number), and its `receive` job restarts the clock. Refused unless the case is waiting.
   */
  async resubmit(ability: AppAbility, caseNumber: string, kind: 'correction' | 'drawings', principal: Principal): Promise<Case> {
    const caseDoc = await this.load(caseNumber);
    assertCan(ability, 'create', 'Case');
    assertCan(ability, 'read', subjectOf('Case', caseDoc));
    const open = caseDoc.pauses.find((p) => !p.to);
    if (caseDoc.status !== 'accepted' || !open) {
      throw problem('NOT_AWAITING_RESUBMISSION');
    }
    const name = kind === 'drawings' ? 'drawingsResubmitted' : 'correctionSubmitted';
    await this.deps.processes.publish(name, caseNumber, { messageId: `${caseNumber}:${name}:${open.from}:${caseDoc.pauses.length}` });
    await this.store.updateOne({ caseNumber }, { $push: { timeline: { at: this.clock(), type: kind === 'drawings' ? 'drawingsResubmitted' : 'correctionSubmitted', actor: principal.username } } });
    return this.load(caseNumber);
  }

  async load(caseNumber: string): Promise<Case> {
    const caseDoc = await this.cases.findOne({ caseNumber }).lean<Case>();
    if (!caseDoc) throw notFound('case');
    return caseDoc;
  }

  /** Saves an effect with the version guard (one write), then drains the outbox. */
  async apply(caseDoc: Case, effect: DecisionEffect, actor: string): Promise<Case> {
    const result = await this.store.updateOne(
      { caseNumber: caseDoc.caseNumber, rev: caseDoc.rev },
      {
        $set: effect.set,
        $inc: { rev: 1 },
        $push: { timeline: { at: this.clock(), ...effect.timeline, actor }, ...(effect.outbox.length ? { outbox: mongoose.trusted({ $each: effect.outbox }) } : {}) },
      },
    );
    if (result.modifiedCount !== 1) throw problem('CASE_CHANGED');
    return this.saved(await this.outbox.drain(caseDoc.caseNumber));
  }

  private async saved(caseDoc: Case): Promise<Case> {
    // the change is durable already; a listener's failure is healed by its own rebuild, not the clerk's retry
    await this.deps.onCaseSaved?.(caseDoc).catch(() => undefined);
    return caseDoc;
  }
}

const alreadyDecided = (caseDoc: Case) =>
  problem('CASE_ALREADY_DECIDED', { params: { status: caseDoc.status, statusZh: caseStatusNames[caseDoc.status].zh } });

const wrongStatus = (caseDoc: Case, expected: string) =>
  problem('CASE_STATUS_CONFLICT', { params: { status: caseDoc.status, expected } });

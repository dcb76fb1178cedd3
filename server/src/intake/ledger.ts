import mongoose, { type Connection, type Model, type UpdateQuery } from 'mongoose';
import { caseModel, type Case, type CaseStage, type CaseStatus, type IssuedDocumentRef, type TimelineEntry } from './case.model.ts';
import type { CaseClock } from './clock.ts';

/**
 * What happened, as the timeline shows it. `at` defaults to now; the entry's id is the operation id
 * the ledger call carries.
 */
export type LedgerEntry = Omit<TimelineEntry, 'id' | 'at'> & { at?: Date };

/** The read side other features may use: finding cases, never changing them. */
export type CaseReads = Pick<Model<Case>, 'find' | 'findOne' | 'exists' | 'countDocuments' | 'aggregate' | 'db'>;

/** The case collection, read-only, for features that list or look up cases (reports, registers, the case file). */
export function caseReads(db: Connection): CaseReads {
  return caseModel(db);
}

/**
 * The one way for features other than intake to change a case. Intake owns the case (it creates
 * it, accepts, refuses, corrects); every other feature — routing, approval, issuing, review,
 * notifications, incidents, supervision — records what it did through these calls. Each call
 * carries an operation id (a job key, a task key, a decision id): the entry and the change that
 * travels with it are written in one update guarded by that id, so a redelivered job or a retried
 * request changes nothing twice. Each call returns whether it wrote.
 */
export class CaseLedger {
  private readonly clock?: CaseClock;
  private readonly now: () => Date;

  /** `now` stamps entries given without a time (the hall's clock); `clock` is the case clock, for pausing. */
  constructor(private readonly cases: Model<Case>, options: { clock?: CaseClock; now?: () => Date } = {}) {
    this.clock = options.clock;
    this.now = options.now ?? (() => new Date());
  }

  async read(caseNumber: string): Promise<Case | undefined> {
    return (await this.cases.findOne({ caseNumber }).lean<Case>()) ?? undefined;
  }

  async exists(caseNumber: string): Promise<boolean> {
    return Boolean(await this.cases.exists({ caseNumber }));
  }

  /** A timeline entry and nothing else. */
  append(caseNumber: string, op: string, entry: LedgerEntry): Promise<boolean> {
    return this.write(caseNumber, op, entry);
  }

  /** An issued document (notice, decision, certificate) on the case, with its timeline entry; the case may move to `stage` with it. */
  attachDocument(caseNumber: string, op: string, document: IssuedDocumentRef, entry: LedgerEntry, options: { stage?: CaseStage } = {}): Promise<boolean> {
    return this.write(caseNumber, op, entry, { $push: { documents: document }, ...(options.stage ? { $set: { stage: options.stage } } : {}) });
  }

  /** The case moves to another stage — only while it has `whileStatus`, when given (a job in flight must not reopen a terminated case). */
  setStage(caseNumber: string, op: string, stage: CaseStage, entry: LedgerEntry, options: { whileStatus?: CaseStatus } = {}): Promise<boolean> {
    return this.write(caseNumber, op, entry, { $set: { stage } }, options.whileStatus);
  }

  /** 办结: the case is completed and closed; its current step ends with it. */
  complete(caseNumber: string, op: string, entry: LedgerEntry, also: { processEnded?: Case['processEnded'] } = {}): Promise<boolean> {
    return this.write(caseNumber, op, entry, {
      $set: { status: 'completed', stage: 'closed', ...(also.processEnded ? { processEnded: also.processEnded } : {}) }, $unset: { currentStep: 1 },
    });
  }

  /** The process ended without a decision: the case stays accepted (the duty to decide remains) and loses its current step. */
  processEndedWithoutOutcome(caseNumber: string, op: string, entry: LedgerEntry, processEnded: NonNullable<Case['processEnded']>): Promise<boolean> {
    return this.write(caseNumber, op, entry, { $set: { processEnded }, $unset: { currentStep: 1 } });
  }

  /** The step the case now waits on (public progress page). */
  enterStep(caseNumber: string, op: string, step: NonNullable<Case['currentStep']>, entry: LedgerEntry): Promise<boolean> {
    return this.write(caseNumber, op, entry, { $set: { currentStep: step } });
  }

  /** The step is done; it stops being current unless a later step has taken its place. */
  async leaveStep(caseNumber: string, op: string, taskKey: string, entry: LedgerEntry): Promise<boolean> {
    const written = await this.write(caseNumber, op, entry);
    await this.cases.updateOne({ caseNumber, 'currentStep.taskKey': taskKey }, { $unset: { currentStep: 1 } });
    return written;
  }

  /** The current step, when it is this task's, takes a new element id and name (its task moved with a process migration). */
  async followStep(caseNumber: string, taskKey: string, step: { name: string; elementId: string }): Promise<boolean> {
    const res = await this.cases.updateOne({ caseNumber, 'currentStep.taskKey': taskKey }, { $set: { 'currentStep.name': step.name, 'currentStep.elementId': step.elementId } });
    return res.modifiedCount === 1;
  }

  /** The case's process instance moved to another version of its process (process migration), with its timeline entry. */
  moveToVersion(caseNumber: string, op: string, process: { processId: string; processVersion: number }, entry: LedgerEntry): Promise<boolean> {
    return this.write(caseNumber, op, entry, { $set: { processId: process.processId, processVersion: process.processVersion } });
  }

  /** The case clock stops (补正 during review, 专家评审); a second pause while one is open changes nothing. */
  pauseClock(caseNumber: string, on: string, reason: string): Promise<Case> {
    return this.clocked().pause(caseNumber, on, reason);
  }

  /** The case clock runs again from `on`; without an open pause nothing changes. */
  resumeClock(caseNumber: string, on: string): Promise<Case> {
    return this.clocked().resume(caseNumber, on);
  }

  private clocked(): CaseClock {
    if (!this.clock) throw new Error('this case ledger was built without the case clock (use the intake service\'s ledger)');
    return this.clock;
  }

  /**
   * The single write: the entry (id = op) and the change, in one update that matches only while no
   * entry of that id exists — and, with `whileStatus`, only while the case has that status.
   */
  private async write(caseNumber: string, op: string, entry: LedgerEntry, change: UpdateQuery<Case> = {}, whileStatus?: CaseStatus): Promise<boolean> {
    const { $push, ...rest } = change as { $push?: Record<string, unknown> };
    const line: TimelineEntry = { ...entry, id: op, at: entry.at ?? this.now() };
    const res = await this.cases.updateOne(
      { caseNumber, 'timeline.id': mongoose.trusted({ $ne: op }), ...(whileStatus ? { status: whileStatus } : {}) },
      { ...rest, $push: { ...$push, timeline: line } },
    );
    return res.modifiedCount === 1;
  }
}

/** The ledger over a database, without the clock (features that never pause a case: approval, incidents, supervision). */
export function caseLedger(db: Connection): CaseLedger {
  return new CaseLedger(caseModel(db));
}

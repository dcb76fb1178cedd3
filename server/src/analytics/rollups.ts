import type { CaseFact, Dimensions, TaskFact } from './facts.ts';
import { addInto, binOf, emptyHistogram } from './histogram.ts';

/** What every report may be narrowed to (days inclusive, hall time). */
export interface Filter {
  from?: string;
  to?: string;
  matterCode?: string;
  departmentCode?: string;
  windowNumber?: string;
  zone?: string;
}

export interface StepStats {
  n: number; waitSum: number; handleSum: number; hoursSum: number; workingDaysSum: number; overdue: number; returns: number; hist: number[];
}
export interface CaseStats {
  received: number; decided: number; decisionHoursSum: number; accepted: number; refused: number; correctionRequested: number;
  immediate: number; comprehensive: number; pendingMaterials: number; pendingKept: number; commitment: number;
  completed: number; onTime: number; workingDaysUsedSum: number; legalLimitSum: number; promisedLimitSum: number;
  corrections: number; returns: number;
}

export type StepKey = Dimensions & { day: string; processId: string; processVersion: number; elementId: string };
export type ApproverKey = Dimensions & { day: string; assignee: string };
export type CaseKey = Dimensions & { day: string; clerk: string };

const emptyStep = (): StepStats => ({ n: 0, waitSum: 0, handleSum: 0, hoursSum: 0, workingDaysSum: 0, overdue: 0, returns: 0, hist: emptyHistogram() });
const emptyCase = (): CaseStats => ({
  received: 0, decided: 0, decisionHoursSum: 0, accepted: 0, refused: 0, correctionRequested: 0, immediate: 0, comprehensive: 0,
  pendingMaterials: 0, pendingKept: 0, commitment: 0, completed: 0, onTime: 0, workingDaysUsedSum: 0, legalLimitSum: 0,
  promisedLimitSum: 0, corrections: 0, returns: 0,
});

/**
 * One roll-up table: a cell per distinct key (dimensions × day), kept in memory and partitioned by
 * department, so a report narrowed to a department reads that department's cells only (at a million
 * facts of uniformly random dimensions the fine table has two million cells: scanning them all took
 * 750 ms, one department's share a twentieth of that).
 */
class Table<K extends Dimensions & { day: string }, S> {
  private readonly parts = new Map<string, Map<string, { key: K; stats: S }>>();
  constructor(private readonly empty: () => S, private readonly id: (key: K) => string) {}

  cell(key: K): S {
    let part = this.parts.get(key.departmentCode);
    if (!part) this.parts.set(key.departmentCode, (part = new Map()));
    const id = this.id(key);
    let found = part.get(id);
    if (!found) part.set(id, (found = { key, stats: this.empty() }));
    return found.stats;
  }

  *select(filter: Filter): Generator<{ key: K; stats: S }> {
    const parts = filter.departmentCode ? [this.parts.get(filter.departmentCode) ?? new Map()] : this.parts.values();
    for (const part of parts) for (const entry of part.values()) if (matches(entry.key, filter)) yield entry;
  }

  /** Every cell (for the snapshot). */
  *entries(): Generator<{ key: K; stats: S }> {
    for (const part of this.parts.values()) yield* part.values();
  }

  get size(): number {
    let n = 0;
    for (const part of this.parts.values()) n += part.size;
    return n;
  }

  clear(): void {
    this.parts.clear();
  }
}

/** Whether a filter names only days (and, for cases, matter or department): the coarse tables answer it. */
export const onlyDays = (f: Filter) => !f.matterCode && !f.departmentCode && !f.windowNumber && !f.zone;
export const onlyMatters = (f: Filter) => !f.windowNumber && !f.zone;

export function matches(key: Dimensions & { day: string }, f: Filter): boolean {
  return (!f.from || key.day >= f.from) && (!f.to || key.day <= f.to) && (!f.matterCode || key.matterCode === f.matterCode)
    && (!f.departmentCode || key.departmentCode === f.departmentCode) && (!f.windowNumber || key.windowNumber === f.windowNumber)
    && (!f.zone || key.zone === f.zone);
}

const dimsId = (k: Dimensions & { day: string }) => `${k.day}|${k.matterCode}|${k.departmentCode}|${k.windowNumber}|${k.zone}`;
/** A coarse cell keeps the day only (the other dimensions blank). */
const coarse = (f: { day: string }) => ({ day: f.day, matterCode: '', departmentCode: '', windowNumber: '', zone: '' });
const dimsOf = (f: Dimensions & { day: string }) => ({ day: f.day, matterCode: f.matterCode, departmentCode: f.departmentCode, windowNumber: f.windowNumber, zone: f.zone });

function foldStep(stats: StepStats, fact: TaskFact, sign: number): void {
  stats.n += sign;
  stats.waitSum += sign * fact.waitHours;
  stats.handleSum += sign * fact.handleHours;
  stats.hoursSum += sign * fact.hours;
  stats.workingDaysSum += sign * fact.workingDays;
  stats.overdue += sign * (fact.overdue ? 1 : 0);
  stats.returns += sign * (fact.outcome.startsWith('returned') ? 1 : 0);
  stats.hist[binOf(fact.hours)] += sign;
}

/**
 * The roll-ups: per process version × element × day, per approver × day and per case cohort (day
 * of receipt) × matter/department/window/clerk, each cell also keyed by the dimensions reports
 * filter on. Folding is incremental (sign −1 takes a fact back out) and rebuilding is folding every
 * fact again, so the two cannot disagree.
 */
export class Rollups {
  readonly steps = new Table<StepKey, StepStats>(emptyStep, (k) => `${k.processId}|${k.processVersion}|${k.elementId}|${dimsId(k)}`);
  readonly approvers = new Table<ApproverKey, StepStats>(emptyStep, (k) => `${k.assignee}|${dimsId(k)}`);
  readonly cases = new Table<CaseKey, CaseStats>(emptyCase, (k) => `${k.clerk}|${dimsId(k)}`);
  /**
   * Coarse copies the unfiltered reports read: steps per version × element × day, cases per matter
   * (and so department) × day. The fine tables above answer the narrower filters; a report over
   * the whole hall then reads thousands of cells instead of one per fact.
   */
  readonly stepsByDay = new Table<StepKey, StepStats>(emptyStep, (k) => `${k.processId}|${k.processVersion}|${k.elementId}|${k.day}`);
  readonly casesByMatterDay = new Table<CaseKey, CaseStats>(emptyCase, (k) => `${k.matterCode}|${k.day}`);
  /** Element names per `processId|version|elementId`, for the reports' labels. */
  readonly names = new Map<string, string>();

  foldTask(fact: TaskFact, sign = 1): void {
    const dims = dimsOf(fact);
    const step = { processId: fact.processId, processVersion: fact.processVersion, elementId: fact.elementId };
    foldStep(this.steps.cell({ ...dims, ...step }), fact, sign);
    foldStep(this.stepsByDay.cell({ ...coarse(fact), ...step }), fact, sign);
    foldStep(this.approvers.cell({ ...dims, assignee: fact.assignee }), fact, sign);
    this.names.set(`${fact.processId}|${fact.processVersion}|${fact.elementId}`, fact.name);
  }

  foldCase(fact: CaseFact, sign = 1): void {
    const fine = this.cases.cell({ ...dimsOf(fact), clerk: fact.clerk });
    const byMatter = this.casesByMatterDay.cell({ ...coarse(fact), matterCode: fact.matterCode, departmentCode: fact.departmentCode, clerk: '' });
    const add = (field: keyof CaseStats, value: number | boolean | null) => {
      fine[field] += sign * Number(value ?? 0);
      byMatter[field] += sign * Number(value ?? 0);
    };
    add('received', 1);
    add('decided', fact.decisionHours !== null);
    add('decisionHoursSum', fact.decisionHours);
    add('accepted', fact.acceptanceMode !== null);
    add('refused', fact.status === 'refused');
    add('correctionRequested', fact.corrections > 0);
    add('immediate', fact.handlingType === 'immediate');
    add('comprehensive', fact.windowGroup === 'comprehensive');
    add('pendingMaterials', fact.pendingMaterials);
    add('pendingKept', fact.pendingKept);
    add('commitment', fact.commitment);
    add('completed', fact.completed);
    add('onTime', fact.onTime === true);
    add('workingDaysUsedSum', fact.workingDaysUsed);
    add('legalLimitSum', fact.completed ? fact.legalLimitDays : 0);
    add('promisedLimitSum', fact.completed ? fact.promisedLimitDays : 0);
    add('corrections', fact.corrections);
    add('returns', fact.returns);
  }

  /** Fills the coarse tables from the fine ones (a snapshot stores the fine tables only). */
  deriveCoarse(): void {
    this.stepsByDay.clear();
    this.casesByMatterDay.clear();
    for (const { key, stats } of this.steps.entries()) {
      sumSteps(this.stepsByDay.cell({ ...coarse(key), processId: key.processId, processVersion: key.processVersion, elementId: key.elementId }), stats);
    }
    for (const { key, stats } of this.cases.entries()) {
      sumCases(this.casesByMatterDay.cell({ ...coarse(key), matterCode: key.matterCode, departmentCode: key.departmentCode, clerk: '' }), stats);
    }
  }

  clear(): void {
    this.names.clear();
    this.stepsByDay.clear();
    this.casesByMatterDay.clear();
    this.steps.clear();
    this.approvers.clear();
    this.cases.clear();
  }
}

export const sumSteps = (into: StepStats, s: StepStats): void => {
  into.n += s.n; into.waitSum += s.waitSum; into.handleSum += s.handleSum; into.hoursSum += s.hoursSum;
  into.workingDaysSum += s.workingDaysSum; into.overdue += s.overdue; into.returns += s.returns; addInto(into.hist, s.hist);
};
const caseFields = Object.keys(emptyCase()) as Array<keyof CaseStats>;
export const sumCases = (into: CaseStats, s: CaseStats): void => {
  for (let i = 0; i < caseFields.length; i++) into[caseFields[i]] += s[caseFields[i]];
};
export { emptyStep, emptyCase };

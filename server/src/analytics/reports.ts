import type { Analytics, OpenStep } from './analytics.ts';
import { quantile } from './histogram.ts';
import { emptyCase, emptyStep, matches, onlyDays, onlyMatters, sumCases, sumSteps, type CaseStats, type Filter, type StepStats } from './rollups.ts';

const r = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
/** A share or mean; null when there is nothing to divide by. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? r(a / b) : null);

/** Open steps inside the filter's matter/department/window/zone (the date range does not apply to what waits now). */
function openSteps(analytics: Analytics, f: Filter): OpenStep[] {
  const dimsOnly = { ...f, from: undefined, to: undefined };
  return [...analytics.open.values()].filter((s) => matches({ ...s, day: '' }, dimsOnly));
}

/** Per process version × element: cases through, waiting, handling, mean/p50/p90, overdue share, work in progress now. */
export function bottlenecks(analytics: Analytics, f: Filter & { processId?: string; processVersion?: number }, now: Date) {
  const groups = new Map<string, { processId: string; processVersion: number; elementId: string; stats: StepStats; wip: number; overdueNow: number }>();
  const group = (processId: string, processVersion: number, elementId: string) => {
    const id = `${processId}|${processVersion}|${elementId}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { processId, processVersion, elementId, stats: emptyStep(), wip: 0, overdueNow: 0 }));
    return g;
  };
  const wanted = (p: string, v: number) => (!f.processId || p === f.processId) && (!f.processVersion || v === f.processVersion);
  const table = onlyDays(f) ? analytics.rollups.stepsByDay : analytics.rollups.steps;
  for (const { key, stats } of table.select(f)) {
    if (wanted(key.processId, key.processVersion)) sumSteps(group(key.processId, key.processVersion, key.elementId).stats, stats);
  }
  for (const s of openSteps(analytics, f)) {
    if (!wanted(s.processId, s.processVersion)) continue;
    const g = group(s.processId, s.processVersion, s.elementId);
    g.wip++;
    if (s.dueAt && s.dueAt.getTime() < now.getTime()) g.overdueNow++;
  }
  return [...groups.values()].map(({ stats: s, ...g }) => ({
    ...g, name: analytics.rollups.names.get(`${g.processId}|${g.processVersion}|${g.elementId}`) ?? [...analytics.open.values()].find((o) => o.elementId === g.elementId)?.name ?? g.elementId,
    through: s.n, meanWaitHours: ratio(s.waitSum, s.n), meanHandleHours: ratio(s.handleSum, s.n), meanHours: ratio(s.hoursSum, s.n),
    p50Hours: quantile(s.hist, 0.5), p90Hours: quantile(s.hist, 0.9), meanWorkingDays: ratio(s.workingDaysSum, s.n),
    overdueShare: ratio(s.overdue, s.n), returns: s.returns,
  })).sort((a, b) => (b.meanHours ?? -1) - (a.meanHours ?? -1) || b.wip - a.wip);
}

export const breakdownKeys = ['matter', 'department', 'window', 'zone', 'approver'] as const;
export type BreakdownKey = (typeof breakdownKeys)[number];

/**
 * Per matter, department, window or zone (cases, by the day of receipt): throughput, on-time rate,
 * working days used against the legal and the promised limit, corrections and returns per case;
 * per approver (steps, by the day of completion): throughput, on-time rate, working days and returns.
 */
export function breakdown(analytics: Analytics, by: BreakdownKey, f: Filter) {
  if (by === 'approver') {
    const groups = new Map<string, StepStats>();
    for (const { key, stats } of analytics.rollups.approvers.select(f)) sumSteps(cell(groups, key.assignee, emptyStep), stats);
    return [...groups].map(([approver, s]) => ({
      key: approver, throughput: s.n, onTimeRate: ratio(s.n - s.overdue, s.n), meanWorkingDays: ratio(s.workingDaysSum, s.n),
      meanHours: ratio(s.hoursSum, s.n), returnsPerCase: ratio(s.returns, s.n),
    })).sort((a, b) => b.throughput - a.throughput || a.key.localeCompare(b.key));
  }
  return caseBreakdown(analytics, by, f);
}

function caseBreakdown(analytics: Analytics, by: Exclude<BreakdownKey, 'approver'>, f: Filter) {
  const field = ({ matter: 'matterCode', department: 'departmentCode', window: 'windowNumber', zone: 'zone' } as const)[by];
  const groups = new Map<string, CaseStats>();
  const table = (by === 'matter' || by === 'department') && onlyMatters(f) ? analytics.rollups.casesByMatterDay : analytics.rollups.cases;
  for (const { key, stats } of table.select(f)) sumCases(cell(groups, key[field], emptyCase), stats);
  return [...groups].map(([key, s]) => ({ key, ...caseFigures(s) })).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
}

export function caseFigures(s: CaseStats) {
  return {
    received: s.received, throughput: s.completed, onTimeRate: ratio(s.onTime, s.completed),
    meanWorkingDaysUsed: ratio(s.workingDaysUsedSum, s.completed), meanLegalLimitDays: ratio(s.legalLimitSum, s.completed),
    meanPromisedLimitDays: ratio(s.promisedLimitSum, s.completed),
    correctionsPerCase: ratio(s.corrections, s.received), returnsPerCase: ratio(s.returns, s.received),
  };
}

function cell<S>(map: Map<string, S>, key: string, empty: () => S): S {
  let s = map.get(key);
  if (!s) map.set(key, (s = empty()));
  return s;
}

/** The seed's hall figures, their daily series, the slowest steps and departments and the overdue list. */
export function hallFigures(analytics: Analytics, f: Filter, now: Date, mattersInCatalogue: number) {
  const total = emptyCase();
  const days = new Map<string, CaseStats>();
  const matters = new Set<string>();
  for (const { key, stats } of (onlyMatters(f) ? analytics.rollups.casesByMatterDay : analytics.rollups.cases).select(f)) {
    sumCases(total, stats);
    sumCases(cell(days, key.day, emptyCase), stats);
    if (stats.received > 0) matters.add(key.matterCode);
  }
  const departments = caseBreakdown(analytics, 'department', f).filter((d) => d.meanWorkingDaysUsed !== null)
    .sort((a, b) => (b.meanWorkingDaysUsed ?? 0) - (a.meanWorkingDaysUsed ?? 0));
  const overdue = openSteps(analytics, f).filter((s) => s.dueAt && s.dueAt.getTime() - now.getTime() < 86_400_000)
    .map((s) => ({ ...s, dueState: s.dueAt!.getTime() < now.getTime() ? 'overdue' as const : 'dueSoon' as const }))
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime()).slice(0, 100);
  return {
    received: total.received, completed: total.completed, onTimeRate: ratio(total.onTime, total.completed),
    oneWindowRate: ratio(total.comprehensive, total.received), oneWindowTarget: 0.8,
    entryRate: ratio(matters.size, mattersInCatalogue), entryTarget: 0.9,
    immediateShare: ratio(total.immediate, total.received),
    pendingMaterials: total.pendingMaterials, pendingKept: total.pendingKept, commitment: total.commitment,
    outcomes: { accepted: total.accepted, refused: total.refused, correctionRequested: total.correctionRequested, completed: total.completed },
    daily: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, s]) => ({
      day, received: s.received, completed: s.completed, onTimeRate: ratio(s.onTime, s.completed), oneWindowRate: ratio(s.comprehensive, s.received),
    })),
    slowestSteps: bottlenecks(analytics, f, now).filter((b) => b.through > 0).slice(0, 10),
    slowestDepartments: departments.slice(0, 10),
    overdue,
  };
}

/** 窗口考核: per window, per clerk and per (sub-)hall, on the same measures. */
export function windowAssessment(analytics: Analytics, f: Filter) {
  const by = { window: new Map<string, CaseStats>(), clerk: new Map<string, CaseStats>(), zone: new Map<string, CaseStats>() };
  for (const { key, stats } of analytics.rollups.cases.select(f)) {
    sumCases(cell(by.window, key.windowNumber, emptyCase), stats);
    sumCases(cell(by.clerk, key.clerk, emptyCase), stats);
    sumCases(cell(by.zone, key.zone, emptyCase), stats);
  }
  const rows = (map: Map<string, CaseStats>) => [...map].map(([key, s]) => ({
    key, received: s.received, accepted: s.accepted, refused: s.refused, correctionRequested: s.correctionRequested,
    correctionsIssued: s.corrections, meanHoursToDecision: ratio(s.decisionHoursSum, s.decided), completed: s.completed,
    onTimeIssuingRate: ratio(s.onTime, s.completed),
  })).sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
  return { windows: rows(by.window), clerks: rows(by.clerk), zones: rows(by.zone) };
}

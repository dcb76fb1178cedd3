import matterData from '../../seed/data/matters.json' with { type: 'json' };

/**
 * What the generated history looks like: which matters at which windows, and how long each step
 * takes. Two departments are markedly slow at one step — 住建局 (zjj) at review (审查, and its share
 * of 并联审查 and 联合审图: handling takes days) and 卫健委 (wjw) at 审批决定 (the task waits days before
 * anyone claims it) — so the heatmap and the reports have a real bottleneck to show. Pure and seeded:
 * the same seed gives the same history.
 */
const firstMatters = ['zjj_sgxk', 'wjw_ggcs', 'sthj_hp', 'yjj_wh', 'mzj_st', 'slj_qs', 'nyj_zz', 'lwj_yl', 'zrzy_ys', 'wjw_yljg'];
export type Path = 'single' | 'immediate' | 'parallel' | 'joint';
const pathOf: Record<string, Path> = { single_department: 'single', immediate: 'immediate', multi_department_parallel: 'parallel', joint_drawing_review: 'joint' };
const byId = new Map(matterData.matters.map((m) => [m.id, m]));
/**
 * Every matter of the seed: the 29 single-department ones (审查 → 审批决定 → 出证) first, the ten first
 * keeping their place so a short history still meets both slow departments, then the 10 即办, 8 并联
 * and 3 联合审图 matters, which take their own paths through their processes.
 */
export const historyMatters: readonly string[] = [
  ...firstMatters,
  ...matterData.matters.filter((m) => m.process_template === 'single_department' && !firstMatters.includes(m.id)).map((m) => m.id),
  ...matterData.matters.filter((m) => m.process_template !== 'single_department').map((m) => m.id),
];
export const pathOfMatter = (matterCode: string): Path => pathOf[byId.get(matterCode)?.process_template ?? ''] ?? 'single';
/** The share of cases received at the matter's category window (the rest at comprehensive windows; the plan's target is ≥ 80 %). 即办件 of a category are always handled at its windows. */
export const categoryWindowShare = 0.15;
/** Steps by what they are: reviews (审查, 并联审查, 单位审查) and decisions (审批决定, 牵头部门汇总决定). */
const reviewSteps = new Set(['review', 'parallelReview', 'unitReview']);
const decideSteps = new Set(['decide']);
export const slowSteps: Record<string, { steps: ReadonlySet<string>; phase: 'wait' | 'handle' }> = {
  zjj: { steps: reviewSteps, phase: 'handle' },
  wjw: { steps: decideSteps, phase: 'wait' },
};

export interface PlannedCase {
  matterCode: string;
  departmentCode: string;
  path: Path;
  windowNumber: string;
  /** Hours after the start of the day of receipt (09:00 hall time = 01:00Z). */
  receivedAt: Date;
  /** Hours from the decision to the hand-over at the issuing window. */
  pickup: number;
  /** Received at a window of the matter's category (when it has one) instead of `windowNumber`. */
  atCategoryWindow: boolean;
  /** Seeds the step durations (`stepTiming`), which depend on the steps the process actually creates. */
  seed: number;
}

/** A small deterministic random source (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (rnd: () => number, lo: number, hi: number) => Math.round((lo + rnd() * (hi - lo)) * 100) / 100;
const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

/**
 * Hours waiting (created → claimed) and handling (claimed → completed) of one step of a case, done
 * by `departmentCode`: minutes at the window for 即办件, hours for a review, days where the plan
 * makes a department slow. Steps done by several departments at once (并联, 联合审图) are short each.
 */
export function stepTiming(plan: PlannedCase, step: string, departmentCode: string, shared = false): { wait: number; handle: number } {
  const rnd = random(plan.seed ^ hash(`${step}|${departmentCode}`));
  if (plan.path === 'immediate') return { wait: between(rnd, 0.05, 0.3), handle: between(rnd, 0.1, 0.5) };
  const timing = shared ? { wait: between(rnd, 0.1, 1), handle: between(rnd, 0.3, 2) } : { wait: between(rnd, 0.2, 3), handle: between(rnd, 1, 6) };
  const slow = slowSteps[departmentCode];
  if (slow?.steps.has(step)) timing[slow.phase] = departmentCode === 'zjj' ? between(rnd, 96, 168) : between(rnd, 48, 96);
  return timing;
}

/** `count` cases spread over `days` working-hour days from `start` (a YYYY-MM-DD), in order of receipt. */
export function planHistory(count: number, start: string, days: number, seed = 16): PlannedCase[] {
  const rnd = random(seed);
  // streams of their own, so the days and pick-ups stay those of the same seed whatever else changes
  const windowRnd = random(seed + 1);
  const planned: PlannedCase[] = [];
  for (let i = 0; i < count; i++) {
    // every fourth case is a construction permit or a public-place health licence (high-volume matters
    // of the two slow departments), so their bottlenecks show hall-wide, not only per department
    const matterCode = i % 4 === 0 ? firstMatters[(i / 4) % 2]! : historyMatters[i % historyMatters.length]!;
    const day = Math.floor((i * days) / count);
    const receivedAt = new Date(Date.parse(`${start}T01:00:00Z`) + day * 86_400_000 + between(rnd, 0, 6) * 3_600_000);
    const path = pathOfMatter(matterCode);
    const atCategoryWindow = path === 'immediate' || windowRnd() < categoryWindowShare;
    planned.push({
      matterCode, departmentCode: matterCode.split('_')[0], path, windowNumber: `C${String((i % 17) + 1).padStart(2, '0')}`, receivedAt,
      pickup: between(rnd, 2, 30), atCategoryWindow, seed: Math.floor(rnd() * 2 ** 31),
    });
  }
  return planned;
}

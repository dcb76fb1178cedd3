import matterData from '../../seed/data/matters.json' with { type: 'json' };

/**
 * What the generated history looks like: which matters at which windows, and how long each step
 * takes. Two departments are markedly slow at one step — 住建局 (zjj) at 审查 (handling takes days)
 * and 卫健委 (wjw) at 审批决定 (the task waits days before anyone claims it) — so the heatmap and
 * the reports have a real bottleneck to show. Pure and seeded: the same seed gives the same history.
 */
const firstMatters = ['zjj_sgxk', 'wjw_ggcs', 'sthj_hp', 'yjj_wh', 'mzj_st', 'slj_qs', 'nyj_zz', 'lwj_yl', 'zrzy_ys', 'wjw_yljg'];
/**
 * Every matter of the seed handled by one department (审查 → 审批决定 → 出证: the 29 the driver walks;
 * 即办, 并联 and 联合审图 matters take other paths). The ten first keep their place so a short history
 * still meets both slow departments.
 */
export const historyMatters: readonly string[] = [
  ...firstMatters,
  ...matterData.matters.filter((m) => m.process_template === 'single_department' && !firstMatters.includes(m.id)).map((m) => m.id),
];
/** The share of cases received at the matter's category window (the rest at comprehensive windows; the plan's target is ≥ 80 %). */
export const categoryWindowShare = 0.15;
export const slowSteps: Record<string, { step: 'review' | 'decide'; phase: 'wait' | 'handle' }> = {
  zjj: { step: 'review', phase: 'handle' },
  wjw: { step: 'decide', phase: 'wait' },
};

export interface PlannedCase {
  matterCode: string;
  departmentCode: string;
  windowNumber: string;
  /** Hours after the start of the day of receipt (09:00 hall time = 01:00Z). */
  receivedAt: Date;
  /** Hours waiting (created → claimed) and handling (claimed → completed) per step. */
  steps: Record<'review' | 'decide', { wait: number; handle: number }>;
  /** Hours from the decision to the hand-over at the issuing window. */
  pickup: number;
  /** Received at a window of the matter's category (when it has one) instead of `windowNumber`. */
  atCategoryWindow: boolean;
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

/** `count` cases spread over `days` working-hour days from `start` (a YYYY-MM-DD), in order of receipt. */
export function planHistory(count: number, start: string, days: number, seed = 16): PlannedCase[] {
  const rnd = random(seed);
  // a stream of its own, so the step durations stay those of the same seed without category windows
  const windowRnd = random(seed + 1);
  const between = (lo: number, hi: number) => Math.round((lo + rnd() * (hi - lo)) * 100) / 100;
  const planned: PlannedCase[] = [];
  for (let i = 0; i < count; i++) {
    // every fourth case is a construction permit or a public-place health licence (high-volume matters
    // of the two slow departments), so their bottlenecks show hall-wide, not only per department
    const matterCode = i % 4 === 0 ? firstMatters[(i / 4) % 2]! : historyMatters[i % historyMatters.length]!;
    const departmentCode = matterCode.split('_')[0];
    const day = Math.floor((i * days) / count);
    const receivedAt = new Date(Date.parse(`${start}T01:00:00Z`) + day * 86_400_000 + between(0, 6) * 3_600_000);
    const steps = { review: { wait: between(0.2, 3), handle: between(1, 6) }, decide: { wait: between(0.2, 3), handle: between(0.5, 3) } };
    const slow = slowSteps[departmentCode];
    if (slow) steps[slow.step][slow.phase] = departmentCode === 'zjj' ? between(96, 168) : between(48, 96);
    const atCategoryWindow = windowRnd() < categoryWindowShare;
    planned.push({ matterCode, departmentCode, windowNumber: `C${String((i % 17) + 1).padStart(2, '0')}`, receivedAt, steps, pickup: between(2, 30), atCategoryWindow });
  }
  return planned;
}

/**
 * A fixed histogram of durations in hours: mergeable by adding bins, so p50/p90 of any set of
 * roll-ups is read from their summed bins without the facts. A quantile is the upper bound of the
 * bin it falls in (exact to the bin: ≤ 15 minutes below 1 h, ≤ 1 day up to 5 days).
 */
export const HOUR_BOUNDS = [0.25, 0.5, 1, 2, 4, 8, 12, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720, Infinity] as const;

export const emptyHistogram = (): number[] => HOUR_BOUNDS.map(() => 0);

export function binOf(hours: number): number {
  const i = HOUR_BOUNDS.findIndex((bound) => hours <= bound);
  return i === -1 ? HOUR_BOUNDS.length - 1 : i;
}

export function addInto(target: number[], source: readonly number[], sign = 1): void {
  for (let i = 0; i < target.length; i++) target[i] += sign * (source[i] ?? 0);
}

/** The `q`-quantile (0..1) of the counted durations, as the upper bound of its bin; null when empty. */
export function quantile(bins: readonly number[], q: number): number | null {
  const total = bins.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < bins.length; i++) {
    seen += bins[i];
    if (seen >= rank) return HOUR_BOUNDS[i] === Infinity ? HOUR_BOUNDS[i - 1] : HOUR_BOUNDS[i];
  }
  return null;
}

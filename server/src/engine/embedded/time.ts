/**
 * Timer definitions as Zeebe reads them: ISO 8601 durations (timeDuration), date-times (timeDate)
 * and repeating intervals `R[n]/[start/]duration` (timeCycle).
 * https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/#timers
 */
import { ExpressionError } from './feel.ts';

const DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO 8601 duration to a time (calendar arithmetic for years, months and days). */
export function addDuration(from: number, iso: string): number {
  const m = DURATION.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) throw new ExpressionError(`Invalid duration '${iso}'`, iso);
  const n = (i: number) => Number(m[i] ?? 0);
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + n(4) * 7 + n(5));
  return d.getTime() + ((n(6) * 60 + n(7)) * 60 + n(8)) * 1000;
}

export function parseDate(value: string): number {
  const t = Date.parse(value.replace(/\[.*\]$/, ''));
  if (Number.isNaN(t)) throw new ExpressionError(`Invalid date '${value}'`, value);
  return t;
}

export interface Cycle {
  /** Remaining repetitions, -1 for unbounded. */
  repetitions: number;
  interval: string;
  start?: number;
}

export function parseCycle(value: string): Cycle {
  const parts = value.trim().split('/');
  const r = /^R(\d*)$/.exec(parts[0]);
  if (!r || parts.length < 2) throw new ExpressionError(`Invalid time cycle '${value}' (cron cycles are not supported)`, value);
  const repetitions = r[1] === '' ? -1 : Number(r[1]);
  if (parts.length === 3) return { repetitions, start: parseDate(parts[1]), interval: parts[2] };
  return { repetitions, interval: parts[1] };
}

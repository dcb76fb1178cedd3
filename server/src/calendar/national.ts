import { createRequire } from 'node:module';

/**
 * National public holidays and make-up working days (调休) from the State Council's annual notice,
 * as published by the `chinese-days` package (its JSON export; 2026 from the notice of 2025-11-04).
 */
export interface NationalDays {
  /** date → name, days off */
  holidays: Record<string, string>;
  /** date → name, weekend days that are working days (调休上班) */
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);

let cached: NationalDays | undefined;

export function nationalDays(): NationalDays {
  if (!cached) {
    const data = require('chinese-days/dist/chinese-days.json') as NationalDays;
    cached = { holidays: data.holidays, workdays: data.workdays };
  }
  return cached;
}

/** Chinese name of a holiday entry (`"National Day,国庆节,3"` → `国庆节`). */
export function holidayNameZh(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

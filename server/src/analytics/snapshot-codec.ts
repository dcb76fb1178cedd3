import { emptyCase, type CaseStats, type Rollups, type StepStats } from './rollups.ts';

/**
 * The roll-ups as plain rows and back, for the snapshot (snapshot.ts). Only the fine tables and the
 * element names are stored; the coarse tables are summed from the fine ones on load. A row is
 * `[key values…, stats…]`, strings interned per chunk (a chunk is `{ strings, rows }`), a step's
 * histogram stored sparse as `[bin, count, …]` (most cells hold one fact, one bin).
 */
const STEP_KEY = ['processId', 'processVersion', 'elementId', 'day', 'matterCode', 'departmentCode', 'windowNumber', 'zone'] as const;
const APPROVER_KEY = ['assignee', 'day', 'matterCode', 'departmentCode', 'windowNumber', 'zone'] as const;
const CASE_KEY = ['clerk', 'day', 'matterCode', 'departmentCode', 'windowNumber', 'zone'] as const;
const STEP_SUMS = ['n', 'waitSum', 'handleSum', 'hoursSum', 'workingDaysSum', 'overdue', 'returns'] as const;
const CASE_SUMS = Object.keys(emptyCase()) as Array<keyof CaseStats>;

export type TableName = 'steps' | 'approvers' | 'cases';
export interface Chunk { table: TableName | 'names'; strings: string[]; rows: Array<Array<number | string>> }

const keyFields: Record<TableName, readonly string[]> = { steps: STEP_KEY, approvers: APPROVER_KEY, cases: CASE_KEY };

class Interner {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) this.index.set(value, (i = this.strings.push(value) - 1));
    return i;
  }
}

function stepRow(stats: StepStats): number[] {
  const row: number[] = STEP_SUMS.map((f) => stats[f]);
  stats.hist.forEach((count, bin) => { if (count !== 0) row.push(bin, count); });
  return row;
}

/** The roll-ups cut into chunks of at most `size` rows (drain it without awaiting between chunks for a consistent picture). */
export function* encodeRollups(rollups: Rollups, size = 50_000): Generator<Chunk> {
  for (const table of ['steps', 'approvers', 'cases'] as const) {
    let interner = new Interner();
    let rows: Chunk['rows'] = [];
    for (const { key, stats } of rollups[table].entries() as Iterable<{ key: Record<string, string | number>; stats: StepStats | CaseStats }>) {
      const keys = keyFields[table].map((f) => (typeof key[f] === 'number' ? key[f] : interner.id(String(key[f]))));
      const values = table === 'cases' ? CASE_SUMS.map((f) => (stats as CaseStats)[f]) : stepRow(stats as StepStats);
      rows.push([...keys, ...values]);
      if (rows.length === size) {
        yield { table, strings: interner.strings, rows };
        interner = new Interner();
        rows = [];
      }
    }
    if (rows.length > 0) yield { table, strings: interner.strings, rows };
  }
  yield { table: 'names', strings: [], rows: [...rollups.names].map(([k, v]) => [k, v]) };
}

/** Adds a chunk's cells to the roll-ups (call `deriveCoarse` once every chunk is in). */
export function decodeChunk(rollups: Rollups, chunk: Chunk): void {
  if (chunk.table === 'names') {
    for (const [k, v] of chunk.rows) rollups.names.set(String(k), String(v));
    return;
  }
  const fields = keyFields[chunk.table];
  for (const row of chunk.rows) {
    const key: Record<string, string | number> = {};
    fields.forEach((f, i) => { key[f] = f === 'processVersion' ? Number(row[i]) : chunk.strings[Number(row[i])]; });
    const values = row.slice(fields.length) as number[];
    if (chunk.table === 'cases') {
      const into = rollups.cases.cell(key as never) as CaseStats;
      CASE_SUMS.forEach((f, i) => { into[f] += values[i]; });
      continue;
    }
    const into = rollups[chunk.table].cell(key as never) as StepStats;
    STEP_SUMS.forEach((f, i) => { into[f] += values[i]; });
    for (let i = STEP_SUMS.length; i + 1 < values.length; i += 2) into.hist[values[i]] += values[i + 1];
  }
}

/** Every fine cell as a sorted line: two roll-ups are equal when their digests are (tests, the benchmark). */
export function digestRollups(rollups: Rollups): string[] {
  const lines: string[] = [];
  for (const chunk of encodeRollups(rollups, Number.MAX_SAFE_INTEGER)) {
    for (const row of chunk.rows) {
      const fields = chunk.table === 'names' ? [] : keyFields[chunk.table];
      const key = row.slice(0, fields.length).map((v, i) => (fields[i] === 'processVersion' ? v : chunk.strings[Number(v)]));
      const values = row.slice(fields.length).map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
      if (chunk.table !== 'names' && isEmpty(values as number[], chunk.table)) continue;
      lines.push(JSON.stringify([chunk.table, ...key, ...values]));
    }
  }
  return lines.sort();
}

// a cell every fact of which was taken back out (a replaced case fact) is no cell at all
const isEmpty = (values: number[], table: TableName) =>
  table === 'cases' ? values.every((v) => Math.abs(v) < 1e-9) : values.slice(0, STEP_SUMS.length).every((v) => Math.abs(v) < 1e-9);

/**
 * The board index's start-up read: every task in the given states, without `form` and `history`.
 *
 * Beside its own FerretDB on SQLite (FERRETDB_SQLITE_DIR, as scripts/start, scripts/test and the
 * benchmarks set it) the rows are read straight from FerretDB's SQLite file, read-only, with the
 * state filter run by SQLite on its JSON: through the wire protocol FerretDB 1.24 filters nothing
 * but `_id` and converts every stored document to BSON in its own process (100,000 open tasks:
 * 38 s on a quiet machine, scripts/bench/tasks), which is what kept a restarted server from
 * serving lists. SQLite's snapshot is as consistent as a cursor (WAL: committed rows only), and
 * the index takes an entry only if its `rev` is newer, so writes during the load are not undone.
 * Elsewhere (MongoDB, no directory) it is one query through the driver.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import mongoose, { type Model } from 'mongoose';
import type { TaskDoc } from './model.ts';

const SKIP = new Set(['form', 'history']);

/** FerretDB 1.24's stored form ("sjson"): values as JSON, their BSON types in a `$s` schema. */
interface Schema { p: Record<string, TypeOf>; $k: string[] }
interface TypeOf { t: string; $s?: Schema; i?: TypeOf[] }

function value(v: unknown, type: TypeOf | undefined): unknown {
  switch (type?.t) {
    case 'date': return new Date(v as number);
    case 'object': return object(v as Record<string, unknown>, type.$s!, false);
    case 'array': return (v as unknown[]).map((x, i) => value(x, type.i?.[i]));
    default: return v;
  }
}

function object(raw: Record<string, unknown>, schema: Schema, top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of schema.$k ?? []) if (!(top && SKIP.has(k))) out[k] = value(raw[k], schema.p[k]);
  return out;
}

/** Decodes one stored row of FerretDB 1.24 (exported for its test). */
export function decodeFerretRow(json: string): Record<string, unknown> {
  const raw = JSON.parse(json) as Record<string, unknown> & { $s: Schema };
  return object(raw, raw.$s, true);
}

const YIELD_EVERY = 2000;

/** Rows from FerretDB's SQLite file (false when this is not a local FerretDB on SQLite); yields to the event loop between chunks. */
async function fromSqlite(dir: string, dbName: string, states: TaskDoc['state'][], onTask: (task: TaskDoc) => void): Promise<boolean> {
  const file = path.join(dir, `${dbName}.sqlite`);
  if (!/^[\w-]+$/.test(dbName) || !existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const hasCatalogue = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`).get();
    if (!hasCatalogue) return false;
    const row = db.prepare(`SELECT table_name FROM _ferretdb_collections WHERE name = 'tasks'`).get() as { table_name: string } | undefined;
    if (!row) return true;
    if (!/^\w+$/.test(row.table_name)) return false;
    const select = db.prepare(`SELECT _ferretdb_sjson AS j FROM "${row.table_name}" WHERE _ferretdb_sjson->>'$.state' IN (${states.map(() => '?').join(',')})`);
    let n = 0;
    for (const r of select.iterate(...states) as IterableIterator<{ j: string }>) {
      onTask(decodeFerretRow(r.j) as unknown as TaskDoc);
      if (++n % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return true;
  } finally {
    db.close();
  }
}

/** Hands every task in `states` (without form and history) to `onTask`. */
export async function loadBoardTasks(tasks: Model<TaskDoc>, states: TaskDoc['state'][], onTask: (task: TaskDoc) => void, ferretdbSqliteDir?: string): Promise<void> {
  if (ferretdbSqliteDir && await fromSqlite(ferretdbSqliteDir, tasks.db.db!.databaseName, states, onTask)) return;
  const found = await tasks.find({ state: mongoose.trusted({ $in: states }) }).select({ form: 0, history: 0 }).lean<TaskDoc[]>();
  for (const task of found) onTask(task);
}

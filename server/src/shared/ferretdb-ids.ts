/**
 * FerretDB 1.24 on SQLite indexes `_id` as `_ferretdb_sjson->"_id"` but queries and updates it as
 * `_ferretdb_sjson->'$._id'`; SQLite uses an expression index only for the same expression, so
 * every `findOne({_id})`, `updateOne({_id})` and `replaceOne({_id})` scans the whole table
 * (measured: an update by `_id` costs 2 ms at 10 documents, 22 ms at 5,000). The same bug on the
 * PostgreSQL backend: https://github.com/FerretDB/FerretDB/issues/4646 (the workaround given there
 * is the same: add the index the queries can use).
 *
 * Where the platform runs beside its own FerretDB (scripts/start, scripts/test, the benchmarks set
 * FERRETDB_SQLITE_DIR), this adds `CREATE INDEX … (_ferretdb_sjson->'$._id')` to every table of the
 * database's SQLite file. FerretDB does not list or manage the extra index; dropping a collection
 * drops it with the table. Idempotent and cheap, so it runs at start and then periodically for
 * collections created later. On MongoDB (no directory configured) it does nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Adds the missing `_id` index to every collection of `dbName`; returns the indexes created. */
export function ensureFerretIdIndexes(dir: string, dbName: string): number {
  const file = path.join(dir, `${dbName}.sqlite`);
  if (!/^[\w-]+$/.test(dbName) || !existsSync(file)) return 0;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const hasCatalogue = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`).get();
    if (!hasCatalogue) return 0;
    const existing = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]).map((r) => r.name));
    const tables = db.prepare(`SELECT table_name FROM _ferretdb_collections`).all() as { table_name: string }[];
    let created = 0;
    for (const { table_name: table } of tables) {
      const index = `${table}_onewindow_id`;
      if (existing.has(index) || !/^[\w]+$/.test(table)) continue;
      db.exec(`CREATE INDEX IF NOT EXISTS "${index}" ON "${table}" (_ferretdb_sjson->'$._id')`);
      created++;
    }
    return created;
  } finally {
    db.close();
  }
}

/** Runs `ensureFerretIdIndexes` now and every `everyMs`; `stop()` ends it. A failure is reported, never thrown. */
export function keepFerretIdIndexes(dir: string | undefined, dbName: string, onError: (error: unknown) => void, everyMs = 60_000): { stop(): void } {
  if (!dir) return { stop() {} };
  const run = () => {
    try {
      ensureFerretIdIndexes(dir, dbName);
    } catch (error) {
      onError(error);
    }
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';

/** What a snapshot holds: each file with its size and SHA-256, so a restore can refuse a damaged copy. */
export interface Manifest {
  format: 'onewindow-backup/1';
  kind: 'ferretdb-sqlite';
  createdAt: string;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export const MANIFEST = 'manifest.json';

/** The SQLite files of a FerretDB data directory: one `<database>.sqlite` per database. */
export async function databaseFiles(dir: string, only?: string[]): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sqlite'));
  const wanted = only?.map((db) => `${db}.sqlite`);
  return names.filter((n) => !wanted || wanted.includes(n)).sort();
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies each database of a running FerretDB (SQLite backend, WAL) into `dest` through SQLite's
 * online backup API: the copy is one consistent state of each database while the server keeps
 * writing (SQLite restarts a step that a writer overtook, and the last step copies every remaining
 * page under one read lock). Writes `manifest.json` last: a folder without it is not a backup.
 * Throws when `dest` already holds a manifest or a listed database is missing.
 */
export async function snapshotFerretDb(dir: string, dest: string, options: { databases?: string[] } = {}): Promise<Manifest> {
  const files = await databaseFiles(dir, options.databases);
  if (options.databases && files.length !== options.databases.length) {
    throw new Error(`no such database in ${dir}: ${options.databases.filter((d) => !files.includes(`${d}.sqlite`)).join(', ')}`);
  }
  await mkdir(dest, { recursive: true });
  if ((await readdir(dest)).includes(MANIFEST)) throw new Error(`${dest} already holds a backup`);
  const manifest: Manifest = { format: 'onewindow-backup/1', kind: 'ferretdb-sqlite', createdAt: new Date().toISOString(), files: [] };
  for (const name of files) {
    const source = new Database(path.join(dir, name), { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 10000');
      // Returning the remaining page count makes the next step copy all of them at once.
      await source.backup(path.join(dest, name), { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
    } finally {
      source.close();
    }
    const file = path.join(dest, name);
    manifest.files.push({ name, bytes: (await stat(file)).size, sha256: await sha256File(file) });
  }
  await writeFile(path.join(dest, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

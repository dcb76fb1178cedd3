import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST, sha256File, type Manifest } from './snapshot.ts';

/**
 * Puts a FerretDB snapshot back into `target`, which must be empty or absent: a restore never
 * overwrites live data. Every file is checked against the manifest's SHA-256 before anything is
 * copied, so a damaged or tampered backup changes nothing. Throws naming the first problem.
 */
export async function restoreFerretDb(source: string, target: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(path.join(source, MANIFEST), 'utf8')) as Manifest;
  if (manifest.format !== 'onewindow-backup/1' || manifest.kind !== 'ferretdb-sqlite') {
    throw new Error(`${source}: not a OneWindow FerretDB backup (${manifest.format}/${manifest.kind})`);
  }
  for (const file of manifest.files) {
    if (!/^[\w-]+\.sqlite$/.test(file.name)) throw new Error(`${source}: unexpected file name ${file.name}`);
    const actual = await sha256File(path.join(source, file.name));
    if (actual !== file.sha256) throw new Error(`${source}/${file.name}: SHA-256 ${actual} differs from the manifest's ${file.sha256}`);
  }
  await mkdir(target, { recursive: true });
  const present = (await readdir(target)).filter((n) => n.endsWith('.sqlite') || n.endsWith('-wal'));
  if (present.length > 0) throw new Error(`${target} already holds databases (${present.join(', ')}): restore into an empty directory`);
  for (const file of manifest.files) await copyFile(path.join(source, file.name), path.join(target, file.name));
  return manifest;
}

/**
 * scripts/backup and scripts/restore call this:
 *   backup  <ferretdb-dir> <dest> [database…]   online snapshot of a running local FerretDB
 *   restore <backup-dir> <ferretdb-dir>          checked copy into an empty data directory
 *   verify  <mongodb-uri>                        audit chain and every document's SHA-256
 * Exit code 0 when the step holds, 1 (with the reason) when it does not.
 */
import { connectDatabase } from '../shared/db.ts';
import { restoreFerretDb } from './restore.ts';
import { snapshotFerretDb } from './snapshot.ts';
import { verifyRestored } from './verify.ts';

const [command, first, second, ...rest] = process.argv.slice(2);

async function run(): Promise<boolean> {
  if (command === 'backup' && first && second) {
    const manifest = await snapshotFerretDb(first, second, { databases: rest.length ? rest : undefined });
    console.log(JSON.stringify({ backup: second, files: manifest.files }));
    return true;
  }
  if (command === 'restore' && first && second) {
    const manifest = await restoreFerretDb(first, second);
    console.log(JSON.stringify({ restored: second, files: manifest.files.map((f) => f.name) }));
    return true;
  }
  if (command === 'verify' && first) {
    const db = await connectDatabase(first);
    try {
      const report = await verifyRestored(db);
      console.log(JSON.stringify(report));
      return report.ok;
    } finally {
      await db.close();
    }
  }
  console.error('usage: cli.ts backup <ferretdb-dir> <dest> [database…] | restore <backup-dir> <ferretdb-dir> | verify <mongodb-uri>');
  return false;
}

try {
  process.exitCode = (await run()) ? 0 : 1;
} catch (error) {
  console.error(`backup: ${(error as Error).message}`);
  process.exitCode = 1;
}

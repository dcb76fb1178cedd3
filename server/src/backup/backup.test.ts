import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { ferretDbBinary, startFerretDb, type FerretDbProcess } from '../../test/ferretdb.ts';
import { testDatabase } from '../../test/support.ts';
import { auditModel, AuditTrail } from '../audit/index.ts';
import { issuedDocumentModel } from '../documents/model.ts';
import { connectDatabase } from '../shared/db.ts';
import { restoreFerretDb } from './restore.ts';
import { snapshotFerretDb } from './snapshot.ts';
import { verifyRestored } from './verify.ts';

const actor = { userId: 'u1', username: 'clerk' };
const sqliteDir = process.env.FERRETDB_SQLITE_DIR;

describe('backup and restore of the local FerretDB while the platform writes', function () {
  this.timeout(60_000);
  let db: Connection;
  let work: string;
  let restored: FerretDbProcess | undefined;
  let restoredDb: Connection | undefined;

  before(function () {
    // The online snapshot copies FerretDB's SQLite files; against a MongoDB (MONGODB_URI without a
    // local FerretDB) scripts/backup uses mongodump instead, which this machine does not have.
    if (!sqliteDir || !ferretDbBinary) this.skip();
  });

  beforeEach(async () => {
    db = await testDatabase('backup');
    work = await mkdtemp(path.join(tmpdir(), 'onewindow-backup-'));
  });

  afterEach(async () => {
    await restoredDb?.close();
    await restored?.stop();
    restoredDb = undefined;
    restored = undefined;
    await db.dropDatabase();
    await db.close();
    await rm(work, { recursive: true, force: true });
  });

  async function issue(n: number): Promise<void> {
    const pdf = randomBytes(2_000 + n);
    await issuedDocumentModel(db).create({
      kind: 'receipt', caseNumber: `ZW-TEST-${n}`, ref: {}, sha256: createHash('sha256').update(pdf).digest('hex'),
      code: `BKP${String(n).padStart(7, '0')}`, issuedAt: new Date(), issuedOn: '2026-12-01', issuedBy: 'clerk', size: pdf.length, pdf,
    });
  }

  async function restoreAndOpen(backup: string): Promise<Connection> {
    const target = path.join(work, 'restored');
    await restoreFerretDb(backup, target);
    restored = await startFerretDb(target);
    restoredDb = await connectDatabase(restored.uri(db.name));
    return restoredDb;
  }

  it('restores a snapshot taken while appends keep coming: the chain verifies and every document hashes right', async () => {
    const trail = new AuditTrail(db);
    for (let i = 0; i < 20; i++) await trail.append({ actor, action: 'case.received', subject: { type: 'Case', id: `c${i}` } });
    for (let n = 1; n <= 3; n++) await issue(n);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) await trail.append({ actor, action: 'task.completed', subject: { type: 'Task', id: `t${i}` } });
    })();
    await new Promise((r) => setTimeout(r, 200));
    const backup = path.join(work, 'backup');
    const manifest = await snapshotFerretDb(sqliteDir!, backup, { databases: [db.name] });
    writing = false;
    await writer;

    expect(manifest.files.map((f) => f.name)).to.deep.equal([`${db.name}.sqlite`]);
    const copy = await restoreAndOpen(backup);
    const report = await verifyRestored(copy);
    expect(report.audit.ok, JSON.stringify(report.audit)).to.equal(true);
    expect(report.audit.count).to.be.greaterThan(20);
    expect(report.documents).to.deep.equal({ count: 3, mismatched: [] });
    expect(report.ok).to.equal(true);
  });

  it('finds a document whose bytes changed and an audit record that was edited in a restored copy', async () => {
    const trail = new AuditTrail(db);
    for (let i = 0; i < 5; i++) await trail.append({ actor, action: 'case.received', subject: { type: 'Case', id: `c${i}` } });
    await issue(1);
    await issue(2);
    const backup = path.join(work, 'backup');
    await snapshotFerretDb(sqliteDir!, backup, { databases: [db.name] });
    const copy = await restoreAndOpen(backup);
    await issuedDocumentModel(copy).updateOne({ code: 'BKP0000002' }, { $set: { pdf: randomBytes(100) } });
    await auditModel(copy).updateOne({ seq: 3 }, { $set: { action: 'case.refused' } });

    const report = await verifyRestored(copy);
    expect(report.ok).to.equal(false);
    expect(report.documents.mismatched).to.deep.equal(['BKP0000002']);
    expect(report.audit.brokenAt).to.include({ seq: 3, reason: 'hashMismatch' });
  });

  it('refuses a damaged backup and a non-empty target, copying nothing', async () => {
    await issue(1);
    const backup = path.join(work, 'backup');
    await snapshotFerretDb(sqliteDir!, backup, { databases: [db.name] });
    const file = path.join(backup, `${db.name}.sqlite`);
    const bytes = await readFile(file);
    bytes[bytes.length - 10] ^= 0xff;
    await writeFile(file, bytes);
    const target = path.join(work, 'target');
    let refused: Error | undefined;
    try { await restoreFerretDb(backup, target); } catch (error) { refused = error as Error; }
    expect(refused?.message).to.match(/SHA-256 .* differs from the manifest/);
    expect(existsSync(target), 'the target was not created').to.equal(false);

    const clean = path.join(work, 'clean');
    await snapshotFerretDb(sqliteDir!, clean, { databases: [db.name] });
    await restoreFerretDb(clean, target);
    let again: Error | undefined;
    try { await restoreFerretDb(clean, target); } catch (error) { again = error as Error; }
    expect(again?.message).to.match(/already holds databases/);
  });

  it('refuses to write a second backup into a folder that holds one', async () => {
    await issue(1);
    const backup = path.join(work, 'backup');
    await snapshotFerretDb(sqliteDir!, backup, { databases: [db.name] });
    let refused: Error | undefined;
    try { await snapshotFerretDb(sqliteDir!, backup, { databases: [db.name] }); } catch (error) { refused = error as Error; }
    expect(refused?.message).to.match(/already holds a backup/);
  });
});

import { expect } from 'chai';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { ensureFerretIdIndexes } from './ferretdb-ids.ts';

const dir = process.env.FERRETDB_SQLITE_DIR;

describe('the _id index FerretDB 1.24 lacks', () => {
  let db: Connection;
  before(async function () {
    // Only beside a local FerretDB whose SQLite files this process can read (scripts/test starts
    // one and sets FERRETDB_SQLITE_DIR); on MongoDB there is nothing to add.
    if (!dir) this.skip();
    db = await testDatabase('ferret_ids');
  });
  after(async () => { if (db) { await db.dropDatabase(); await db.close(); } });

  it('is added to every collection once, and SQLite then finds a document by _id without a scan', async () => {
    const things = db.collection<{ _id: string; n: number }>('things');
    await things.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `k${i}`, n: i })));
    const plan = () => {
      const file = new Database(path.join(dir!, `${db.db!.databaseName}.sqlite`), { readonly: true });
      try {
        const { table_name: table } = file.prepare(`SELECT table_name FROM _ferretdb_collections WHERE name = 'things'`).get() as { table_name: string };
        return (file.prepare(`EXPLAIN QUERY PLAN UPDATE "${table}" SET _ferretdb_sjson = ? WHERE _ferretdb_sjson->'$._id' = ?`).all('{}', '"k1"') as { detail: string }[])
          .map((r) => r.detail).join(' ');
      } finally {
        file.close();
      }
    };
    expect(plan()).to.match(/^SCAN/);
    expect(ensureFerretIdIndexes(dir!, db.db!.databaseName)).to.be.greaterThan(0);
    expect(plan()).to.match(/USING INDEX .*_onewindow_id/);
    expect(ensureFerretIdIndexes(dir!, db.db!.databaseName)).to.equal(0);
    await things.updateOne({ _id: 'k7' }, { $set: { n: 700 } });
    expect((await things.findOne({ _id: 'k7' }))!.n).to.equal(700);
  });
});

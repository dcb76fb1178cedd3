import { expect } from 'chai';
import { Schema, type Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';

/** Proves mongoose works against the real MongoDB-compatible server the tests run on (FerretDB here). */
describe('mongoose against the real database', () => {
  let db: Connection;
  const Item = () => db.models.Item ?? db.model('Item', new Schema({ code: { type: String, unique: true }, qty: Number, dept: String, rev: { type: Number, default: 0 } }));

  before(async () => {
    db = await testDatabase('db');
    await Item().init();
  });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('creates and reads back a document', async () => {
    await Item().create({ code: 'a', qty: 1, dept: 'zjj' });
    const found = await Item().findOne({ code: 'a' }).lean<{ qty: number }>();
    expect(found?.qty).to.equal(1);
  });

  it('refuses a second document with the same unique key', async () => {
    let error: { code?: number } | undefined;
    try {
      await Item().create({ code: 'a', qty: 2 });
    } catch (e) {
      error = e as { code?: number };
    }
    expect(error?.code).to.equal(11000);
    expect(await Item().countDocuments({ code: 'a' })).to.equal(1);
  });

  it('applies an update only when the version guard matches', async () => {
    const first = await Item().updateOne({ code: 'a', rev: 0 }, { $set: { qty: 10 }, $inc: { rev: 1 } });
    const stale = await Item().updateOne({ code: 'a', rev: 0 }, { $set: { qty: 99 }, $inc: { rev: 1 } });
    expect(first.modifiedCount).to.equal(1);
    expect(stale.modifiedCount).to.equal(0);
    expect((await Item().findOne({ code: 'a' }).lean<{ qty: number; rev: number }>())).to.include({ qty: 10, rev: 1 });
  });

  it('queries with filters, sorting and paging', async () => {
    await Item().insertMany([{ code: 'b', qty: 5, dept: 'zjj' }, { code: 'c', qty: 7, dept: 'gaj' }, { code: 'd', qty: 3, dept: 'zjj' }]);
    const rows = await Item().find({ dept: 'zjj' }).sort({ qty: -1 }).skip(1).limit(1).lean<{ code: string }[]>();
    expect(rows.map((r) => r.code)).to.deep.equal(['b']);
  });

  it('aggregates with $match and $group', async () => {
    const rows = await Item().aggregate<{ _id: string; total: number }>([
      { $match: { qty: { $gt: 0 } } },
      // One accumulator per $group: FerretDB 1.24 computes only the first of several (docs/database.md).
      { $group: { _id: '$dept', total: { $sum: '$qty' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).to.deep.equal([{ _id: 'gaj', total: 7 }, { _id: 'zjj', total: 18 }]);
  });

  it('never runs a query operator smuggled in as a value (sanitizeFilter)', async () => {
    const hostile = { $ne: 'nothing' } as unknown as string;
    let error: Error | undefined;
    try {
      await Item().find({ code: hostile }).lean();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).to.equal('CastError');
  });
});

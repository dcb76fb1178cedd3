import { expect } from 'chai';
import { Schema, type Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { serializeWritesBy } from './serialize.ts';

describe('serialised writes to one document', () => {
  let db: Connection;
  before(async () => { db = await testDatabase('serialize'); });
  after(async () => { await db.dropDatabase(); await db.close(); });

  it('loses none of 40 concurrent $push and $inc updates to one document', async () => {
    const schema = new Schema({ key: String, items: [Number], n: Number });
    serializeWritesBy(schema, 'key');
    const Doc = db.model('SerialDoc', schema, 'serial_docs');
    await Doc.create({ key: 'a', items: [], n: 0 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => Doc.updateOne({ key: 'a' }, { $push: { items: i }, $inc: { n: 1 } })));
    const doc = await Doc.findOne({ key: 'a' }).lean<{ items: number[]; n: number }>();
    expect(doc!.items).to.have.length(40);
    expect(doc!.n).to.equal(40);
  });

  it('lets exactly one of 10 concurrent version-guarded updates win', async () => {
    const schema = new Schema({ key: String, rev: Number, by: Number });
    serializeWritesBy(schema, 'key');
    const Doc = db.model('SerialGuard', schema, 'serial_guard');
    await Doc.create({ key: 'b', rev: 0 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => Doc.updateOne({ key: 'b', rev: 0 }, { $set: { by: i }, $inc: { rev: 1 } })));
    expect(results.filter((r) => r.modifiedCount === 1)).to.have.length(1);
  });

  it('releases the lock when a write fails', async () => {
    const schema = new Schema({ key: String, v: Schema.Types.Mixed });
    serializeWritesBy(schema, 'key');
    const Doc = db.model('SerialFail', schema, 'serial_fail');
    await Doc.create({ key: 'c', v: 'text' });
    const failed = await Doc.updateOne({ key: 'c' }, { $inc: { v: 1 } }).then(() => 'no error', (e: Error) => e.name);
    expect(failed).to.equal('MongoServerError');
    const after = await Doc.updateOne({ key: 'c' }, { $set: { v: 2 } });
    expect(after.modifiedCount).to.equal(1);
  });
});

import { expect } from 'chai';
import { Schema, type Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { guardByIdOnFerretDb, isFerretDb, meets, parseGuard } from './ferretdb-guard.ts';
import { serializeWritesBy } from './serialize.ts';

describe('guarded updates by _id on FerretDB: the matcher', () => {
  it('understands equality, null, $in and $ne on plain and dotted paths, and nothing else', () => {
    const guard = parseGuard({ _id: 't1', state: { $in: ['open', 'completing'] }, assignee: null, rev: 3, 'signature.round': 2, kind: { $ne: 'x' } })!;
    expect(guard.size).to.equal(5);
    const doc = { _id: 't1', state: 'open', rev: 3, signature: { round: 2 }, kind: 'engine' };
    expect(meets(doc, guard)).to.equal(true);
    expect(meets({ ...doc, rev: 4 }, guard)).to.equal(false);
    expect(meets({ ...doc, assignee: 'someone' }, guard)).to.equal(false);
    expect(meets({ ...doc, state: 'completed' }, guard)).to.equal(false);
    expect(meets({ ...doc, kind: 'x' }, guard)).to.equal(false);
    expect(parseGuard({ _id: 't1', $or: [{ a: 1 }] })).to.equal(null);
    expect(parseGuard({ _id: 't1', rev: { $gt: 1 } })).to.equal(null);
    expect(parseGuard({ _id: 't1', tags: ['a'] })).to.equal(null);
  });

  it('leaves a path through an array to the database (MongoDB matches any element there)', () => {
    expect(meets({ groups: ['a', 'b'] }, parseGuard({ groups: 'a' })!)).to.equal(undefined);
    expect(meets({ items: [{ n: 1 }] }, parseGuard({ 'items.n': 1 })!)).to.equal(undefined);
  });

  it('reads a $ne across an array of sub-documents as MongoDB does: no element has the value', () => {
    const guard = parseGuard({ 'timeline.id': { $ne: 'op-1' } })!;
    expect(meets({ timeline: [{ id: 'op-0' }, { type: 'x' }] }, guard)).to.equal(true);
    expect(meets({ timeline: [{ id: 'op-0' }, { id: 'op-1' }] }, guard)).to.equal(false);
    expect(meets({ timeline: [] }, guard)).to.equal(true);
  });
});

describe('guarded updates by _id on FerretDB: against the real database', () => {
  let db: Connection;
  before(async () => { db = await testDatabase('ferret_guard'); });
  after(async () => { await db.dropDatabase(); await db.close(); });

  function model(name: string) {
    const schema = new Schema({ _id: String, state: String, rev: Number, by: Number, tags: [String] });
    serializeWritesBy(schema, '_id');
    guardByIdOnFerretDb(schema);
    const sent: Record<string, unknown>[] = [];
    schema.post('updateOne', function () { sent.push({ ...this.getFilter() }); });
    return { Doc: db.model(name, schema, name.toLowerCase()), sent };
  }

  it('lets exactly one of 10 concurrent guarded claims win, and says matchedCount 0 to the others', async () => {
    const { Doc, sent } = model('GuardClaim');
    await Doc.create({ _id: 'k1', state: 'open', rev: 0 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => Doc.updateOne({ _id: 'k1', state: 'open', rev: 0 }, { $set: { state: 'taken', by: i }, $inc: { rev: 1 } })));
    expect(results.filter((r) => r.modifiedCount === 1)).to.have.length(1);
    expect(results.filter((r) => r.matchedCount === 0)).to.have.length(9);
    const doc = await Doc.findById('k1').lean<{ state: string; rev: number }>();
    expect(doc).to.include({ state: 'taken', rev: 1 });
    // On FerretDB every update went out with `_id` alone; on MongoDB the guard itself.
    expect(sent.every((f) => Object.keys(f).length === (isFerretDb(db) ? 1 : 3))).to.equal(true);
  });

  it('still applies a guard it cannot read here, through the database', async () => {
    const { Doc } = model('GuardArray');
    await Doc.create({ _id: 'k2', state: 'open', rev: 0, tags: ['a', 'b'] });
    expect((await Doc.updateOne({ _id: 'k2', tags: 'z' }, { $set: { state: 'x' } })).matchedCount).to.equal(0);
    expect((await Doc.updateOne({ _id: 'k2', tags: 'a' }, { $set: { state: 'y' } })).modifiedCount).to.equal(1);
    expect((await Doc.updateOne({ _id: 'missing', state: 'open' }, { $set: { state: 'y' } })).matchedCount).to.equal(0);
  });
});

describe('guarded updates by a natural key on FerretDB', () => {
  let db: Connection;
  before(async () => { db = await testDatabase('ferret_guard_natural'); });
  after(async () => { await db.dropDatabase(); await db.close(); });

  it('addresses a document by its case number through its _id, and finds it again after the collection is recreated', async () => {
    const schema = new Schema({ caseNumber: String, stage: String, rev: Number });
    serializeWritesBy(schema, 'caseNumber');
    guardByIdOnFerretDb(schema, { naturalKey: 'caseNumber' });
    const sent: Record<string, unknown>[] = [];
    schema.post('updateOne', function () { sent.push({ ...this.getFilter() }); });
    const Case = db.model('GuardCase', schema, 'guard_cases');
    await Case.create({ caseNumber: 'ZW20261201-0001', stage: 'intake', rev: 0 });
    const results = await Promise.all(Array.from({ length: 5 }, () => Case.updateOne({ caseNumber: 'ZW20261201-0001', rev: 0 }, { $set: { stage: 'approval' }, $inc: { rev: 1 } })));
    expect(results.filter((r) => r.modifiedCount === 1)).to.have.length(1);
    expect((await Case.updateOne({ caseNumber: 'ZW20261201-0001', stage: 'intake' }, { $set: { stage: 'x' } })).matchedCount).to.equal(0);
    if (isFerretDb(db)) expect(sent.every((f) => Object.keys(f).length === 1 && '_id' in f)).to.equal(true);

    await Case.collection.drop();
    await Case.create({ caseNumber: 'ZW20261201-0001', stage: 'intake', rev: 0 });
    expect((await Case.updateOne({ caseNumber: 'ZW20261201-0001', rev: 0 }, { $set: { stage: 'again' } })).modifiedCount).to.equal(1);
    expect((await Case.findOne({ caseNumber: 'ZW20261201-0001' }).lean<{ stage: string }>())!.stage).to.equal('again');
    expect((await Case.updateOne({ caseNumber: 'ZW-none' }, { $set: { stage: 'y' } })).matchedCount).to.equal(0);
  });

  it('reads a document by its case number alone through its _id, and still finds one whose collection was recreated', async () => {
    const schema = new Schema({ caseNumber: String, stage: String });
    guardByIdOnFerretDb(schema, { naturalKey: 'caseNumber' });
    const sent: Record<string, unknown>[] = [];
    schema.post('findOne', function () { sent.push({ ...this.getFilter() }); });
    const Case = db.model('GuardCaseRead', schema, 'guard_case_reads');
    await Case.create([{ caseNumber: 'ZW20261201-0002', stage: 'intake' }, { caseNumber: 'ZW20261201-0003', stage: 'approval' }]);
    for (let i = 0; i < 2; i++) expect((await Case.findOne({ caseNumber: 'ZW20261201-0003' }).lean<{ stage: string }>())!.stage).to.equal('approval');
    expect(Boolean(await Case.exists({ caseNumber: 'ZW20261201-0002' }))).to.equal(true);
    expect(await Case.findOne({ caseNumber: 'ZW-none' }).lean()).to.equal(null);
    expect(Boolean(await Case.exists({ caseNumber: 'ZW-none' }))).to.equal(false);
    // a filter with more than the key is left to the database
    expect(await Case.findOne({ caseNumber: 'ZW20261201-0003', stage: 'intake' }).lean()).to.equal(null);
    if (isFerretDb(db)) expect(sent.slice(0, 3).every((f) => Object.keys(f).length === 1 && '_id' in f), JSON.stringify(sent)).to.equal(true);

    await Case.collection.drop();
    await Case.create({ caseNumber: 'ZW20261201-0003', stage: 'again' });
    expect((await Case.findOne({ caseNumber: 'ZW20261201-0003' }).lean<{ stage: string }>())!.stage).to.equal('again');
  });
});

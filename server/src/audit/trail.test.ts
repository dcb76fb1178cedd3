import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { testDatabase } from '../../test/support.ts';
import { canonicalJson } from './canonical.ts';
import { auditModel } from './model.ts';
import { AuditTrail, GENESIS_HASH } from './trail.ts';

const actor = { userId: 'u1', username: 'admin.zjj' };
const entry = (n: number) => ({ actor, action: 'test.write', subject: { type: 'Thing', id: `t${n}` }, departmentCode: 'zjj', data: { n, nested: { b: 2, a: [1, { z: true, y: null }] } } });

describe('audit trail: append-only, chained by SHA-256', () => {
  let db: Connection;
  let trail: AuditTrail;

  beforeEach(async () => {
    db = await testDatabase('audit_trail');
    trail = new AuditTrail(db);
    await trail.init();
  });
  afterEach(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('writes canonical JSON with sorted keys whatever the insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: new Date('2026-01-01T00:00:00Z'), c: undefined } })).to.equal('{"a":{"d":"2026-01-01T00:00:00.000Z"},"b":1}');
  });

  it('writes a named operation once, however often it is appended (a retry after a crash), also from a second trail object', async () => {
    const first = await trail.append(entry(1), { once: 'task:42:approved' });
    const again = await trail.append(entry(1), { once: 'task:42:approved' });
    const fromRestart = await new AuditTrail(db).append(entry(1), { once: 'task:42:approved' });
    await trail.append(entry(2), { once: 'task:43:approved' });
    expect(again.seq).to.equal(first.seq);
    expect(fromRestart.seq).to.equal(first.seq);
    expect(await auditModel(db).countDocuments()).to.equal(2);
    expect(await trail.has('task:42:approved')).to.equal(true);
    expect(await trail.has('task:44:approved')).to.equal(false);
    expect((await trail.verify()).ok).to.equal(true);
  });

  it('chains each record to the previous one, starting from the genesis hash', async () => {
    const first = await trail.append(entry(1));
    const second = await trail.append(entry(2));
    expect(first.seq).to.equal(1);
    expect(first.prevHash).to.equal(GENESIS_HASH);
    expect(second.prevHash).to.equal(first.hash);
    expect(await trail.verify()).to.deep.include({ ok: true, count: 2, lastSeq: 2, lastHash: second.hash });
  });

  it('keeps one unbroken chain when 40 appends from 4 writers race (unique seq, retry on duplicate)', async () => {
    const racers = Array.from({ length: 4 }, () => new AuditTrail(db));
    await Promise.all(Array.from({ length: 40 }, (_, i) => racers[i % racers.length].append(entry(i))));
    const report = await trail.verify();
    expect(report).to.deep.include({ ok: true, count: 40, lastSeq: 40 });
    const ns = (await auditModel(db).find({}).lean()).map((r) => (r.data as { n: number }).n).sort((a, b) => a - b);
    expect(ns).to.deep.equal(Array.from({ length: 40 }, (_, i) => i));
  });

  it('serialises concurrent appends of one writer without losing a record', async () => {
    const written = await Promise.all(Array.from({ length: 40 }, (_, i) => trail.append(entry(i))));
    expect(written.map((r) => r.seq).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await trail.verify()).to.deep.include({ ok: true, count: 40 });
  });

  it('reports the first broken link when a stored record is altered', async () => {
    for (let i = 1; i <= 5; i++) await trail.append(entry(i));
    await auditModel(db).collection.updateOne({ seq: 3 }, { $set: { 'data.n': 99 } });
    const report = await trail.verify();
    expect(report.ok).to.equal(false);
    expect(report.brokenAt).to.include({ seq: 3, reason: 'hashMismatch' });
    expect(report.count).to.equal(2);
  });

  it('reports a rewritten record whose hash was recomputed by its previous-hash link in the next record', async () => {
    for (let i = 1; i <= 4; i++) await trail.append(entry(i));
    const records = auditModel(db);
    const { hashOf } = await import('./trail.ts');
    const second = (await records.findOne({ seq: 2 }).lean())!;
    const forged = { ...second, actor: { userId: 'u9', username: 'intruder' } };
    await records.collection.updateOne({ seq: 2 }, { $set: { actor: forged.actor, hash: hashOf(second.prevHash, forged) } });
    expect((await trail.verify()).brokenAt).to.include({ seq: 3, reason: 'previousHashMismatch' });
  });

  it('reports a deleted record as a gap in the sequence', async () => {
    for (let i = 1; i <= 4; i++) await trail.append(entry(i));
    await auditModel(db).collection.deleteOne({ seq: 2 });
    expect((await trail.verify()).brokenAt).to.include({ seq: 3, reason: 'sequenceGap', expected: '2', found: '3' });
  });
});

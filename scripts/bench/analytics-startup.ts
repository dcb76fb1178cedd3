/**
 * The start-up part of scripts/bench/analytics: the roll-ups of the benchmark written as a snapshot
 * and loaded by a fresh instance (the start with a snapshot and an empty journal), then `stored`
 * facts inserted and folded by a full rebuild (the start without a snapshot, or `rebuild()`).
 */
import type { Connection } from 'mongoose';
import { Analytics } from '../../server/src/analytics/index.ts';
import type { TaskFact } from '../../server/src/analytics/index.ts';
import { taskFactModel } from '../../server/src/analytics/facts.ts';
import { CalendarService } from '../../server/src/calendar/index.ts';

const since = (t0: bigint) => Math.round(Number(process.hrtime.bigint() - t0) / 1e6);

export async function measureStartup(db: Connection, analytics: Analytics, stored: number, stepFact: (i: number) => TaskFact) {
  const fresh = () => new Analytics({ db, calendar: new CalendarService({ db }) });
  // the benchmark's roll-ups were folded in memory (not loaded): written as they are
  const cells = analytics.rollups.steps.size + analytics.rollups.approvers.size + analytics.rollups.cases.size;
  let t0 = process.hrtime.bigint();
  const head = await analytics.store.snapshot();
  const snapshotWriteMs = since(t0);
  const chunks = await analytics.store.snapshots.chunkCollection(head.id).find().toArray();
  const snapshotMb = Math.round(chunks.reduce((n, c) => n + c.data.buffer.length, 0) / 1e5) / 10;
  analytics.rollups.clear(); // one copy of the roll-ups in memory at a time

  const restarted = fresh();
  t0 = process.hrtime.bigint();
  await restarted.ready();
  const startFromSnapshotMs = since(t0);
  const loadedCells = restarted.rollups.steps.size + restarted.rollups.approvers.size + restarted.rollups.cases.size;
  if (loadedCells !== cells || restarted.store.lastLoad?.source !== 'snapshot') throw new Error(`snapshot loaded ${loadedCells} of ${cells} cells from ${restarted.store.lastLoad?.source}`);
  restarted.rollups.clear();

  await db.dropDatabase();
  const facts = taskFactModel(db);
  t0 = process.hrtime.bigint();
  for (let from = 0; from < stored; from += 1_000) {
    await facts.insertMany(Array.from({ length: Math.min(1_000, stored - from) }, (_, i) => stepFact(from + i)), { lean: true });
  }
  const insertMs = since(t0);
  const rebuilt = fresh();
  t0 = process.hrtime.bigint();
  await rebuilt.rebuild();
  const rebuildMs = since(t0);
  return {
    cells, snapshotChunks: head.chunks, snapshotMb, snapshotWriteMs, startFromSnapshotMs,
    stored, insertMs, rebuildMs, rebuildFactsPerSecond: Math.round(stored / (rebuildMs / 1000)),
  };
}

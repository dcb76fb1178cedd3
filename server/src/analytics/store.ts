import type { Connection } from 'mongoose';
import { caseFactModel, taskFactModel, type CaseFact, type TaskFact } from './facts.ts';
import { FactJournal } from './journal.ts';
import { Rollups } from './rollups.ts';
import { SnapshotStore, type SnapshotHead } from './snapshot.ts';

/** How the roll-ups were last loaded (the benchmark and the log report it). */
export interface LoadReport {
  source: 'snapshot' | 'facts';
  ms: number;
  /** Journal entries folded on top of the snapshot (after its watermark). */
  replayed: number;
  cells: number;
}

/**
 * The roll-ups and what keeps them: the journal of facts since the last snapshot and the snapshots.
 * At start the latest snapshot is loaded and only the journal entries it does not name are folded;
 * without a snapshot (or `fromFacts`) every fact is folded again — the two give the same roll-ups
 * (analytics/snapshot.test.ts).
 */
export class RollupStore {
  readonly rollups = new Rollups();
  readonly journal: FactJournal;
  readonly snapshots: SnapshotStore;
  lastLoad?: LoadReport;
  private writing?: Promise<SnapshotHead>;

  constructor(private readonly db: Connection, private readonly clock: () => Date) {
    this.journal = new FactJournal(db, this.rollups, clock);
    this.snapshots = new SnapshotStore(db);
  }

  async load(fromFacts = false): Promise<LoadReport> {
    const started = Date.now();
    this.rollups.clear();
    this.journal.folded.clear();
    const entries = await this.journal.all();
    const head = fromFacts ? null : await this.snapshots.head();
    let replayed = 0;
    const fromSnapshot = head !== null && await this.snapshots.load(head, this.rollups);
    if (head && fromSnapshot) {
      const present = new Set(entries.map((e) => e._id));
      for (const id of head.folded) if (present.has(id)) this.journal.folded.add(id);
      for (const entry of entries) {
        if (!this.journal.folded.has(entry._id)) replayed++;
        await this.journal.replay(entry);
      }
    } else {
      this.rollups.clear();
      // a fact whose own write was lost to a crash is put back first, then every fact is folded
      for (const entry of entries) await this.journal.replay(entry, false);
      for await (const fact of taskFactModel(this.db).find().lean<TaskFact>().cursor()) this.rollups.foldTask(fact as TaskFact);
      for await (const fact of caseFactModel(this.db).find().lean<CaseFact>().cursor()) this.rollups.foldCase(fact as CaseFact);
      for (const entry of entries) this.journal.folded.add(entry._id);
    }
    const cells = this.rollups.steps.size + this.rollups.approvers.size + this.rollups.cases.size;
    this.lastLoad = { source: fromSnapshot ? 'snapshot' : 'facts', ms: Date.now() - started, replayed, cells };
    return this.lastLoad;
  }

  /**
   * Writes the roll-ups as they are now with the names of the journal entries inside them, then
   * deletes those entries. One write at a time; a call during a write waits for it.
   */
  snapshot(): Promise<SnapshotHead> {
    this.writing ??= (async () => {
      const folded = [...this.journal.folded];
      const head = await this.snapshots.write(this.rollups, folded, this.clock());
      await this.journal.prune(folded);
      return head;
    })().finally(() => { this.writing = undefined; });
    return this.writing;
  }
}

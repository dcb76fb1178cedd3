import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { caseFactModel, taskFactModel, type CaseFact, type TaskFact } from './facts.ts';
import type { Rollups } from './rollups.ts';

/**
 * One change to the facts, written before the fact itself: a step's fact (`task:<key>`) or a case
 * fact replacing the one before (`case:<number>#<rev>`, with both versions, so folding it takes the
 * old one out and puts the new one in). An entry stays until a snapshot holding it is written
 * (snapshot.ts), so at start the journal holds exactly what a snapshot may lack.
 */
export interface JournalEntry {
  _id: string;
  at: Date;
  task?: TaskFact;
  minus?: CaseFact | null;
  plus?: CaseFact;
}

const journalSchema = new Schema<JournalEntry>({ _id: String, at: Date, task: Object, minus: Object, plus: Object }, { versionKey: false, minimize: false });
export const journalModel = (c: Connection): Model<JournalEntry> =>
  (c.models.AnalyticsJournal as Model<JournalEntry>) ?? c.model<JournalEntry>('AnalyticsJournal', journalSchema, 'analytics_journal');

const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;
const revOf = (id: string) => Number(id.slice(id.lastIndexOf('#') + 1));
/** Field by field, whatever the order the database gave them back in (the stored `rev` left out). */
const canonical = (fact: object) => JSON.stringify(Object.entries(fact).filter(([k, v]) => k !== 'rev' && v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
const sameFact = (a: CaseFact, b: CaseFact) => canonical(a) === canonical(b);
const withoutRev = ({ rev: _rev, ...fact }: CaseFact): CaseFact => fact;

/**
 * Writes facts through the journal and folds each journal entry into the roll-ups exactly once:
 * `folded` names the entries inside the roll-ups in memory (and so inside the next snapshot). A
 * crash after the journal entry and before the fact's own write is repaired by `replay` at start.
 */
export class FactJournal {
  readonly entries;
  readonly folded = new Set<string>();
  private readonly taskFacts;
  private readonly caseFacts;

  constructor(db: Connection, private readonly rollups: Rollups, private readonly clock: () => Date = () => new Date()) {
    this.entries = journalModel(db);
    this.taskFacts = taskFactModel(db);
    this.caseFacts = caseFactModel(db);
  }

  /** A completed step; a completion delivered twice (even after its entry was pruned) changes nothing. */
  async recordTask(fact: TaskFact): Promise<void> {
    if (await this.taskFacts.exists({ _id: fact._id })) return;
    await this.append({ _id: `task:${fact._id}`, at: this.clock(), task: fact });
  }

  /** The case's fact as it is now; the one before (if any) is taken out of the roll-ups. */
  async recordCase(fact: CaseFact): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.caseFacts.findById(fact._id).lean<CaseFact>();
      if (before && sameFact(before, fact)) return;
      const entry = { _id: `case:${fact._id}#${(before?.rev ?? 0) + 1}`, at: this.clock(), minus: before ? withoutRev(before) : null, plus: fact };
      // a duplicate is an entry whose case-fact write was lost: replayed, then this change is retried on top of it
      if (await this.append(entry)) return;
    }
    throw new Error(`analytics: case fact ${fact._id} changed concurrently`);
  }

  /** Brings the fact collections up to the entry and folds it unless already folded. */
  async replay(entry: JournalEntry, fold = true): Promise<void> {
    if (entry.task) {
      try {
        await this.taskFacts.create(entry.task);
      } catch (error) {
        if (!isDuplicate(error)) throw error;
      }
    } else if (entry.plus) {
      const rev = revOf(entry._id);
      const current = await this.caseFacts.findById(entry.plus._id, { rev: 1 }).lean<CaseFact>();
      if ((current?.rev ?? 0) < rev) await this.caseFacts.replaceOne({ _id: entry.plus._id }, { ...entry.plus, rev }, { upsert: true });
    }
    if (fold) this.fold(entry);
  }

  fold(entry: JournalEntry): void {
    if (this.folded.has(entry._id)) return;
    if (entry.task) this.rollups.foldTask(entry.task);
    if (entry.minus) this.rollups.foldCase(entry.minus, -1);
    if (entry.plus) this.rollups.foldCase(entry.plus);
    this.folded.add(entry._id);
  }

  /** Every entry, oldest first (the journal holds what came after the last snapshot). */
  async all(): Promise<JournalEntry[]> {
    const entries = await this.entries.find().lean<JournalEntry[]>();
    return entries.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime() || a._id.localeCompare(b._id));
  }

  /** Deletes entries a written snapshot holds; they stay named in `folded` until then. */
  async prune(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await this.entries.deleteMany({ _id: mongoose.trusted({ $in: batch }) });
      for (const id of batch) this.folded.delete(id);
    }
  }

  /** Writes the entry, then the fact, then folds; false when an entry of that name was there already (replayed). */
  private async append(entry: JournalEntry): Promise<boolean> {
    try {
      await this.entries.create(entry);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const existing = await this.entries.findById(entry._id).lean<JournalEntry>();
      if (existing) await this.replay(existing);
      return false;
    }
    await this.replay(entry);
    return true;
  }
}

import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CalendarService } from '../calendar/index.ts';
import { catalogModels, type HallWindow } from '../catalog/index.ts';
import type { EngineEvent, UserTask, UserTaskEvent } from '../engine/index.ts';
import { caseReads, type Case } from '../intake/index.ts';
import { departmentOf, taskModel, type TaskDoc } from '../tasks/index.ts';
import { caseFactOf, zoneOf } from './case-fact.ts';
import { caseFactModel, taskFactModel, type CaseFact, type Dimensions } from './facts.ts';
import type { Rollups } from './rollups.ts';
import { RollupStore } from './store.ts';
import { taskFactOf } from './task-fact.ts';

export interface AnalyticsDeps {
  db: Connection;
  calendar: CalendarService;
  clock?: () => Date;
  logger?: Logger;
}

/** A step waiting now (work in progress), for the diagram's badges and the overdue list. */
export interface OpenStep extends Dimensions {
  key: string;
  processId: string;
  processVersion: number;
  elementId: string;
  name: string;
  caseNumber: string;
  assignee: string | null;
  createdAt: Date;
  dueAt: Date | null;
}

const OPEN_STATES = ['open', 'awaitingSigners', 'completing'];

/**
 * The director's facts and roll-ups. Fed by the engine port (user tasks of both engines, the end of
 * each process), by the task board (who claimed and completed, from the board's record) and by
 * intake (each saved case). Facts are written once per task key and replaced per case number, each
 * through the journal (journal.ts), so a redelivered event changes nothing twice; the roll-ups live
 * in this process, are snapshotted with the names of the journal entries inside them (the watermark,
 * `keepSnapshots`, and at `stop`), and at start the snapshot is loaded and only the journal after
 * it folded (store.ts); without one every fact is folded again. Reports read the roll-ups only.
 */
export class Analytics {
  readonly store: RollupStore;
  readonly open = new Map<string, OpenStep>();
  readonly taskFacts;
  readonly caseFacts;
  private readonly clock: () => Date;
  private windows?: Promise<Map<string, HallWindow>>;
  private loading?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private everyEntries = Infinity;
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: AnalyticsDeps) {
    this.taskFacts = taskFactModel(deps.db);
    this.caseFacts = caseFactModel(deps.db);
    this.clock = deps.clock ?? (() => new Date());
    this.store = new RollupStore(deps.db, () => new Date());
  }

  get rollups(): Rollups {
    return this.store.rollups;
  }

  /** Loads the snapshot and the journal after it (or every fact) and the open steps; reports wait for it. */
  ready(): Promise<void> {
    this.loading ??= this.load(false);
    this.loading.catch(() => { this.loading = undefined; });
    return this.loading;
  }

  /** Throws the roll-ups away and folds every fact again (they are a pure function of the facts). */
  async rebuild(): Promise<void> {
    await this.load(true);
  }

  /**
   * Writes a snapshot every `everyMs` and whenever `everyEntries` journal entries are waiting, and
   * one straight after a start that had to fold every fact. Failures are logged: the journal keeps
   * what a snapshot did not take.
   */
  keepSnapshots(everyMs = 600_000, everyEntries = 5_000): void {
    const write = () => { if (this.loading) this.writeSnapshot(); };
    this.timer = setInterval(write, everyMs);
    this.timer.unref();
    this.everyEntries = everyEntries;
    void this.ready().then(() => { if (this.store.lastLoad?.source === 'facts') write(); }, () => undefined);
  }

  /** Stops the timer and writes a last snapshot (after the engine stopped delivering). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.loading) return;
    await this.ready();
    await this.store.snapshot();
  }

  private async load(fromFacts: boolean): Promise<void> {
    this.open.clear();
    const report = await this.store.load(fromFacts);
    this.deps.logger?.info({ ...report }, 'analytics: roll-ups loaded');
    const openFilter: Record<string, unknown> = { kind: 'engine', state: mongoose.trusted({ $in: OPEN_STATES }) };
    const open = await taskModel(this.deps.db).find(openFilter).select({ form: 0, history: 0 }).lean<TaskDoc[]>();
    for (const task of open) await this.opened(task._id, task, task.caseNumber);
  }

  private afterWrite(): void {
    if (this.timer && this.store.journal.folded.size >= this.everyEntries) this.writeSnapshot();
  }

  private writeSnapshot(): void {
    void this.store.snapshot().catch((err: unknown) => this.deps.logger?.warn({ err }, 'analytics: snapshot not written'));
  }

  /**
   * The engine's user-task listener (both adapters). A failure here is logged, never thrown: the
   * engine would redeliver the event forever, and a fact whose journal entry was written is folded
   * at the next start — one that could not be written is lost to the figures, not to the case.
   */
  readonly onUserTask = (event: UserTaskEvent): Promise<void> => this.serial(`task:${event.task.key}`, async () => {
    await this.ready();
    if (event.type === 'created') return this.opened(event.task.key, null, String(event.task.variables.caseId ?? ''), event.task);
    this.open.delete(event.task.key);
    if (event.type === 'completed') await this.completed(event.task);
  }).catch((err) => this.deps.logger?.warn({ err, task: event.task.key }, 'analytics: user-task event not recorded'));

  /** The engine's event listener: a process that ended has changed its case (办结). */
  readonly onEvent = async (event: EngineEvent): Promise<void> => {
    if (event.elementType !== 'process' || event.intent !== 'completed' || !event.caseId) return;
    const found = await caseReads(this.deps.db).findOne({ caseNumber: event.caseId }).lean<Case>();
    if (found) await this.onCase(found);
  };

  /** Intake's listener: the case as saved; its fact is replaced and its roll-up share swapped. */
  readonly onCase = (c: Case): Promise<void> => this.serial(`case:${c.caseNumber}`, async () => {
    await this.ready();
    const [calendar, windows] = await Promise.all([this.deps.calendar.calendar(), this.windowMap()]);
    await this.store.journal.recordCase(caseFactOf(c, calendar, windows.get(c.windowNumber)));
    this.afterWrite();
  });

  private async completed(task: UserTask): Promise<void> {
    const board = await taskModel(this.deps.db).findById(task.key, { history: 1, completedBy: 1, assignee: 1, outcome: 1, dueAt: 1, completion: 1, closedAt: 1, caseNumber: 1 }).lean<TaskDoc>();
    // a completion may carry fewer variables than the creation did: the board remembers the case
    const caseNumber = board?.caseNumber ?? String(task.variables.caseId ?? '');
    const dims = await this.dimensionsOf(caseNumber, task);
    const at = board?.completion?.at ?? board?.closedAt ?? this.clock();
    const fact = taskFactOf(task, board, { ...dims, caseNumber }, new Date(at), await this.deps.calendar.calendar());
    await this.store.journal.recordTask(fact); // delivered twice: counted once
    this.afterWrite();
  }

  private async opened(key: string, doc: TaskDoc | null, caseNumber: string | null, task?: UserTask): Promise<void> {
    const source = task ?? { processId: doc!.processId, processVersion: doc!.processVersion, elementId: doc!.elementId, name: doc!.name, assignee: doc!.assignee, candidateGroups: doc!.candidateGroups, variables: { departmentCode: doc!.departmentCode, matterCode: doc!.matterCode } };
    const dims = await this.dimensionsOf(caseNumber ?? '', { candidateGroups: source.candidateGroups, variables: source.variables });
    const board = doc ?? await taskModel(this.deps.db).findById(key, { dueAt: 1 }).lean<TaskDoc>();
    this.open.set(key, {
      key, ...dims, processId: source.processId ?? '', processVersion: source.processVersion ?? 0, elementId: source.elementId ?? '',
      name: source.name ?? source.elementId ?? '', caseNumber: caseNumber ?? '', assignee: source.assignee ?? null,
      createdAt: doc?.createdAt ?? new Date(task!.createdAt), dueAt: board?.dueAt ?? null,
    });
  }

  /**
   * The case's dimensions from its fact (a read by `_id`), else from the case, else from the task —
   * the department being the step's own where the step is offered to one (a 并联 or 联合审图 review
   * by another department than the lead counts for that department).
   */
  private async dimensionsOf(caseNumber: string, task: Pick<UserTask, 'candidateGroups' | 'variables'>): Promise<Dimensions> {
    const own = task.candidateGroups.find((g) => g.startsWith('dept:'))?.slice(5);
    const fact = caseNumber ? await this.caseFacts.findById(caseNumber, { matterCode: 1, departmentCode: 1, windowNumber: 1, zone: 1 }).lean<CaseFact>() : null;
    if (fact) return { matterCode: fact.matterCode, departmentCode: own ?? fact.departmentCode, windowNumber: fact.windowNumber, zone: fact.zone };
    const c = caseNumber ? await caseReads(this.deps.db).findOne({ caseNumber }, { matterCode: 1, departmentCode: 1, windowNumber: 1 }).lean<Case>() : null;
    const windowNumber = c?.windowNumber ?? '';
    return {
      matterCode: c?.matterCode ?? String(task.variables.matterCode ?? ''), departmentCode: own ?? c?.departmentCode ?? departmentOf(task) ?? '',
      windowNumber, zone: zoneOf((await this.windowMap()).get(windowNumber)),
    };
  }

  private windowMap(): Promise<Map<string, HallWindow>> {
    this.windows ??= catalogModels(this.deps.db).windows.find().lean<HallWindow[]>().then((ws) => new Map(ws.map((w) => [w.number, w])));
    this.windows.catch(() => { this.windows = undefined; });
    return this.windows;
  }

  /** One change at a time per task and per case in this process (FerretDB: docs/database.md). */
  private serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => { if (this.chains.get(key) === settled) this.chains.delete(key); });
    return next;
  }
}

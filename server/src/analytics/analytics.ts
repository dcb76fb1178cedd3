import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CalendarService } from '../calendar/index.ts';
import { catalogModels, type HallWindow } from '../catalog/index.ts';
import type { EngineEvent, UserTask, UserTaskEvent } from '../engine/index.ts';
import { caseReads, type Case } from '../intake/index.ts';
import { departmentOf, taskModel, type TaskDoc } from '../tasks/index.ts';
import { caseFactOf, zoneOf } from './case-fact.ts';
import { caseFactModel, taskFactModel, type CaseFact, type Dimensions, type TaskFact } from './facts.ts';
import { Rollups } from './rollups.ts';
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
 * intake (each saved case). Facts are written once per task key and replaced per case number, so a
 * redelivered event changes nothing twice; the roll-ups live in this process and are folded from
 * every fact at start (`rebuild`), which also heals a fold lost to a crash between the fact's write
 * and its fold. Reports read the roll-ups only.
 */
export class Analytics {
  readonly rollups = new Rollups();
  readonly open = new Map<string, OpenStep>();
  readonly taskFacts;
  readonly caseFacts;
  private readonly clock: () => Date;
  private windows?: Promise<Map<string, HallWindow>>;
  private loading?: Promise<void>;
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: AnalyticsDeps) {
    this.taskFacts = taskFactModel(deps.db);
    this.caseFacts = caseFactModel(deps.db);
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Folds every stored fact and loads the open steps; reports wait for it. */
  ready(): Promise<void> {
    this.loading ??= this.rebuild();
    this.loading.catch(() => { this.loading = undefined; });
    return this.loading;
  }

  /** Throws the roll-ups away and folds every fact again (they are a pure function of the facts). */
  async rebuild(): Promise<void> {
    this.rollups.clear();
    this.open.clear();
    for await (const fact of this.taskFacts.find().lean<TaskFact>().cursor()) this.rollups.foldTask(fact as TaskFact);
    for await (const fact of this.caseFacts.find().lean<CaseFact>().cursor()) this.rollups.foldCase(fact as CaseFact);
    const openFilter: Record<string, unknown> = { kind: 'engine', state: mongoose.trusted({ $in: OPEN_STATES }) };
    const open = await taskModel(this.deps.db).find(openFilter).select({ form: 0, history: 0 }).lean<TaskDoc[]>();
    for (const task of open) await this.opened(task._id, task, task.caseNumber);
  }

  /**
   * The engine's user-task listener (both adapters). A failure here is logged, never thrown: the
   * engine would redeliver the event forever, and the fact is recovered by the next rebuild only if
   * it was written — so a fact that cannot be written is lost to the figures, not to the case.
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
    const fact = caseFactOf(c, calendar, windows.get(c.windowNumber));
    const before = await this.caseFacts.findById(c.caseNumber).lean<CaseFact>();
    if (before && JSON.stringify(before) === JSON.stringify(fact)) return;
    await this.caseFacts.replaceOne({ _id: c.caseNumber }, fact, { upsert: true });
    if (before) this.rollups.foldCase(before, -1);
    this.rollups.foldCase(fact);
  });

  private async completed(task: UserTask): Promise<void> {
    const board = await taskModel(this.deps.db).findById(task.key, { history: 1, completedBy: 1, assignee: 1, outcome: 1, dueAt: 1, completion: 1, closedAt: 1, caseNumber: 1 }).lean<TaskDoc>();
    // a completion may carry fewer variables than the creation did: the board remembers the case
    const caseNumber = board?.caseNumber ?? String(task.variables.caseId ?? '');
    const dims = await this.dimensionsOf(caseNumber, task);
    const at = board?.completion?.at ?? board?.closedAt ?? this.clock();
    const fact = taskFactOf(task, board, { ...dims, caseNumber }, new Date(at), await this.deps.calendar.calendar());
    try {
      await this.taskFacts.create(fact);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return; // delivered twice: counted once
      throw error;
    }
    this.rollups.foldTask(fact);
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

  /** The case's dimensions from its fact (a read by `_id`), else from the case, else from the task. */
  private async dimensionsOf(caseNumber: string, task: Pick<UserTask, 'candidateGroups' | 'variables'>): Promise<Dimensions> {
    const fact = caseNumber ? await this.caseFacts.findById(caseNumber, { matterCode: 1, departmentCode: 1, windowNumber: 1, zone: 1 }).lean<CaseFact>() : null;
    if (fact) return { matterCode: fact.matterCode, departmentCode: fact.departmentCode, windowNumber: fact.windowNumber, zone: fact.zone };
    const c = caseNumber ? await caseReads(this.deps.db).findOne({ caseNumber }, { matterCode: 1, departmentCode: 1, windowNumber: 1 }).lean<Case>() : null;
    const windowNumber = c?.windowNumber ?? '';
    return {
      matterCode: c?.matterCode ?? String(task.variables.matterCode ?? ''), departmentCode: c?.departmentCode ?? departmentOf(task) ?? '',
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

import type { Connection } from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { subjectOf, type AppAbility } from '../authz/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { TaskMigratedEvent, UserTaskEvent } from '../engine/index.ts';
import { notFound } from '../shared/errors.ts';
import { BoardIndex, type BoardChange } from './board-index.ts';
import { dueStateAt } from './due.ts';
import { DONE, taskLists, taskSummary } from './lists.ts';
import { taskModel, type TaskDoc } from './model.ts';
import { taskProjection } from './projection.ts';
import { taskLists as allLists, type ListQuery, type TaskCounts } from './schemas.ts';
import { WritesFirst } from './writes-first.ts';
import { loadBoardTasks } from './board-load.ts';

export interface TaskBoardDeps {
  db: Connection;
  calendar: CalendarService;
  clock?: () => Date;
  defaultStepDays?: number;
  /**
   * Serve lists from the in-process index (default true): one server process writes the board, as
   * with the embedded engine. Set false where several servers share a MongoDB: the lists then query
   * the collection through its compound indexes.
   */
  memoryIndex?: boolean;
  /** A local FerretDB's SQLite directory: the index's start-up read goes to its file (board-load.ts). */
  ferretdbSqliteDir?: string;
}

const LIST_FIELDS = { form: 0, history: 0 };

/** Where the task stream hears of board changes: this process's index, or a cluster-wide feed. */
export interface TaskChangeFeed {
  subscribe(listener: (change: BoardChange) => void): () => void;
}

/** The subject CASL judges a task by (fields named in authz/vocabulary.ts). */
export const taskSubject = (task: Pick<TaskDoc, 'departmentCode' | 'matterCode' | 'candidateGroups' | 'assignee'>) =>
  subjectOf('Task', { departmentCode: task.departmentCode, matterCode: task.matterCode, candidateGroups: task.candidateGroups, assignee: task.assignee });

/**
 * The task board: the `tasks` projection of the engine's user tasks (plus board-only signature
 * sub-tasks), its lists, and reading one task. Throws 404 NOT_FOUND for a task the user may not
 * read, so another department's tasks are not even confirmed to exist.
 */
export class TaskBoard {
  readonly tasks;
  readonly clock: () => Date;
  private readonly projection;
  private readonly lists;
  private readonly index?: BoardIndex;
  private loading?: Promise<void>;
  /** Lists and counts wait while a write request is served (writes-first.ts); its `mark` goes on the routes. */
  readonly writesFirst = new WritesFirst();
  /** Set by the approval feature: records a completion it started (see ProjectionDeps.recordCompletion). */
  completionRecorder?: (key: string) => Promise<void>;

  private readonly ferretdbSqliteDir?: string;

  constructor(deps: TaskBoardDeps) {
    this.ferretdbSqliteDir = deps.ferretdbSqliteDir;
    if (deps.memoryIndex !== false) this.index = new BoardIndex();
    this.tasks = taskModel(deps.db);
    this.clock = deps.clock ?? (() => new Date());
    this.projection = taskProjection({
      ...deps, clock: this.clock, onChange: (task) => this.index?.apply(task), onClose: (key) => this.index?.close(key),
      recordCompletion: () => this.completionRecorder,
    });
    this.lists = taskLists({ db: deps.db, clock: this.clock });
  }

  /** The engine's user-task listener (register with `engine.onUserTask`). */
  readonly onUserTask = (event: UserTaskEvent): Promise<void> => this.projection.onUserTask(event);
  /** The engine's migrated-task listener (register with `engine.onTaskMigrated`): the entry follows its new step. */
  readonly onTaskMigrated = (event: TaskMigratedEvent): Promise<void> => this.projection.onTaskMigrated(event);

  /** Loads the open tasks into the index once (lists wait for it). */
  ready(): Promise<void> {
    if (!this.index) return Promise.resolve();
    this.loading ??= (async () => {
      // the open tasks, and the finished ones with who finished them (已办): one pass over the collection
      await loadBoardTasks(this.tasks, ['open', 'awaitingSigners', ...DONE], (task) => this.index!.apply(task, true), this.ferretdbSqliteDir);
      this.index!.loaded();
    })();
    this.loading.catch(() => { this.loading = undefined; });
    return this.loading;
  }

  /**
   * Brings the index in step with the stored task, and its signature sub-tasks when it has some
   * (or `family` says new ones were made). Only `_id` is pushed down on FerretDB: the family read
   * scans, so it is done only when needed.
   */
  async sync(key: string, family = false): Promise<void> {
    if (!this.index) return;
    family ||= this.index.hasChildren(key);
    const found = await this.tasks.find(family ? { $or: [{ _id: key }, { parentKey: key }] } : { _id: key }).select(LIST_FIELDS).lean<TaskDoc[]>();
    for (const task of found) this.index.apply(task);
  }

  async list(ability: AppAbility, principal: Principal, query: ListQuery) {
    await this.writesFirst.idle();
    if (!this.index) return this.lists.list(ability, principal, query);
    await this.ready();
    return this.index.list(ability, principal, query, this.clock());
  }

  async counts(ability: AppAbility, principal: Principal): Promise<TaskCounts> {
    await this.writesFirst.idle();
    if (!this.index) return this.lists.counts(ability, principal);
    await this.ready();
    const now = this.clock();
    return Object.fromEntries(allLists.map((l) => [l, this.index!.count(ability, principal, l, now)])) as TaskCounts;
  }

  /**
   * Every change of the open board, as this process sees it (the task stream's feed in the `single`
   * topology); undefined without the in-process index, where another feed must serve the stream.
   */
  get changes(): TaskChangeFeed | undefined {
    const index = this.index;
    if (!index) return undefined;
    return {
      subscribe(listener) {
        index.listeners.add(listener);
        return () => index.listeners.delete(listener);
      },
    };
  }

  /** A task the ability lets the user read; 404 otherwise. */
  async load(ability: AppAbility, key: string): Promise<TaskDoc> {
    const task = await this.tasks.findById(key).lean<TaskDoc>();
    if (!task || !ability.can('read', taskSubject(task))) throw notFound('task', key);
    return task;
  }

  async detail(ability: AppAbility, key: string) {
    const task = await this.load(ability, key);
    const now = this.clock();
    // sub-tasks exist only where signers were added (signatureRounds); the read by parentKey scans on FerretDB
    const signatures = task.kind === 'engine' && task.signatureRounds
      ? (await this.tasks.find({ parentKey: key }).lean<TaskDoc[]>()).map((s) => ({ ...taskSummary(s, now), outcome: s.outcome }))
      : [];
    return {
      ...taskSummary(task, now), dueState: dueStateAt(task, now), form: task.form, formKey: task.formKey, headers: task.headers,
      processId: task.processId, elementId: task.elementId,
      returnTargets: task.returnTargets, opinionDraft: task.opinionDraft, outcome: task.outcome, completedBy: task.completedBy,
      carbonCopies: task.carbonCopies, urges: task.urges, history: task.history, signatures,
    };
  }
}

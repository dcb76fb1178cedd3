import type { Connection } from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { subjectOf, type AppAbility } from '../authz/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { UserTaskEvent } from '../engine/index.ts';
import { notFound } from '../shared/errors.ts';
import { dueStateAt } from './due.ts';
import { taskLists, taskSummary } from './lists.ts';
import { taskModel, type TaskDoc } from './model.ts';
import { taskProjection } from './projection.ts';
import type { ListQuery } from './schemas.ts';

export interface TaskBoardDeps {
  db: Connection;
  calendar: CalendarService;
  clock?: () => Date;
  defaultStepDays?: number;
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

  constructor(deps: TaskBoardDeps) {
    this.tasks = taskModel(deps.db);
    this.clock = deps.clock ?? (() => new Date());
    this.projection = taskProjection({ ...deps, clock: this.clock });
    this.lists = taskLists({ db: deps.db, clock: this.clock });
  }

  /** The engine's user-task listener (register with `engine.onUserTask`). */
  readonly onUserTask = (event: UserTaskEvent): Promise<void> => this.projection.onUserTask(event);

  list(ability: AppAbility, principal: Principal, query: ListQuery) {
    return this.lists.list(ability, principal, query);
  }

  counts(ability: AppAbility, principal: Principal) {
    return this.lists.counts(ability, principal);
  }

  /** A task the ability lets the user read; 404 otherwise. */
  async load(ability: AppAbility, key: string): Promise<TaskDoc> {
    const task = await this.tasks.findById(key).lean<TaskDoc>();
    if (!task || !ability.can('read', taskSubject(task))) throw notFound(`Task ${key}`, '任务');
    return task;
  }

  async detail(ability: AppAbility, key: string) {
    const task = await this.load(ability, key);
    const now = this.clock();
    const signatures = task.kind === 'engine'
      ? (await this.tasks.find({ parentKey: key }).lean<TaskDoc[]>()).map((s) => ({ ...taskSummary(s, now), outcome: s.outcome }))
      : [];
    return {
      ...taskSummary(task, now), dueState: dueStateAt(task, now), form: task.form, formKey: task.formKey, headers: task.headers,
      returnTargets: task.returnTargets, opinionDraft: task.opinionDraft, outcome: task.outcome, completedBy: task.completedBy,
      carbonCopies: task.carbonCopies, urges: task.urges, history: task.history, signatures,
    };
  }
}

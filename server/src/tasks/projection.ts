import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CalendarService } from '../calendar/index.ts';
import type { TaskMigratedEvent, UserTask, UserTaskEvent } from '../engine/index.ts';
import { dueTimes } from './due.ts';
import { taskModel, type TaskDoc } from './model.ts';

export interface ProjectionDeps {
  db: Connection;
  calendar: CalendarService;
  logger?: Logger;
  clock?: () => Date;
  /** Working days a step has when neither the task nor its header names a limit (default 5). */
  defaultStepDays?: number;
  /** Told of each task created (the board's index), so nobody reads it back. */
  onChange?: (task: TaskDoc) => void;
  /** Told of each task closed, with its signature sub-tasks. */
  onClose?: (key: string) => void;
  /**
   * Records a completion the board started (`completing`, with its pending record) once the engine
   * confirms it, and moves the task to `completed`; the projection leaves such a task to it.
   */
  recordCompletion?: () => ((key: string) => Promise<void>) | undefined;
}

const FORM_LIMIT = 50;
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 100 ? v : null);

/** The department of a task: its `dept:<code>` candidate group, else the `departmentCode` variable. */
export function departmentOf(task: Pick<UserTask, 'candidateGroups' | 'variables'>): string | null {
  const group = task.candidateGroups.find((g) => g.startsWith('dept:'));
  return group ? group.slice(5) : str(task.variables.departmentCode);
}

/** Variables shown on the task form: scalars and small values only, at most 50. */
function formOf(variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(variables).slice(0, FORM_LIMIT)) {
    if (k.startsWith('$')) continue;
    const json = JSON.stringify(v);
    if (json !== undefined && json.length <= 2000) out[k] = v;
  }
  return out;
}

/**
 * Keeps the `tasks` collection in step with the engine's user tasks. Idempotent by task key: a
 * created event delivered twice leaves one task (insert-if-absent), a late duplicate never reopens a
 * closed task, and completed/canceled close it whatever order they arrive in.
 */
export function taskProjection(deps: ProjectionDeps) {
  const tasks = taskModel(deps.db);
  const clock = deps.clock ?? (() => new Date());

  async function created(task: UserTask): Promise<void> {
    const headers = task.customHeaders ?? {};
    const { dueAt, warnAt } = await dueTimes(deps.calendar, { dueDate: task.dueDate, limitDays: headers.limitDays, defaultDays: deps.defaultStepDays ?? 5, now: clock() });
    const doc: Omit<TaskDoc, '_id'> = {
      kind: 'engine', processInstanceKey: task.processInstanceKey, processId: task.processId, processVersion: task.processVersion,
      elementId: task.elementId, name: task.name ?? task.elementId, step: headers.step ?? task.elementId, authority: headers.authority,
      sealRequired: headers.sealRequired === 'true', returnTargets: (headers.returnTargets ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      formKey: task.formKey, headers, candidateGroups: task.candidateGroups, candidateUsers: task.candidateUsers,
      assignee: task.assignee ?? null, owner: null, delegated: false,
      departmentCode: departmentOf(task), matterCode: str(task.variables.matterCode), caseNumber: str(task.variables.caseId),
      applicant: str(task.variables.applicantName),
      state: 'open', dueAt, warnAt, form: formOf(task.variables), carbonCopies: [], urges: [], history: [],
      createdAt: new Date(task.createdAt), rev: 0,
    };
    try {
      await tasks.create({ _id: task.key, ...doc });
    } catch (error) {
      // delivered twice, or closed before its creation reached us: the first record stands
      if ((error as { code?: number }).code !== 11000) throw error;
      return;
    }
    deps.onChange?.({ _id: task.key, ...doc } as TaskDoc);
  }

  async function closed(task: UserTask, state: 'completed' | 'canceled'): Promise<void> {
    const recorder = deps.recordCompletion?.();
    if (state === 'completed' && recorder && (await tasks.findById(task.key, { state: 1, completion: 1 }).lean())?.completion) {
      await recorder(task.key);
      deps.onClose?.(task.key);
      return;
    }
    const before = await tasks.findOneAndUpdate({ _id: task.key, state: mongoose.trusted({ $in: ['open', 'completing', 'awaitingSigners'] }) },
      { $set: { state, closedAt: clock() }, $inc: { rev: 1 } }, { returnDocument: 'before' }).lean<TaskDoc>();
    if (!before && !(await tasks.exists({ _id: task.key }))) {
      // closed before its creation reached us: remember it closed, so a late `created` cannot open it
      await tasks.updateOne({ _id: task.key }, {
        $setOnInsert: {
          kind: 'engine', name: task.name ?? task.elementId, state, closedAt: clock(), createdAt: new Date(task.createdAt),
          candidateGroups: task.candidateGroups, departmentCode: departmentOf(task), processInstanceKey: task.processInstanceKey,
          elementId: task.elementId, headers: {}, form: {}, rev: 0,
        },
      }, { upsert: true });
    }
    // Signature sub-tasks die with their parent (the step was completed or canceled elsewhere). Only
    // a task that had signers has any: the query by parentKey scans the collection on FerretDB.
    if (before?.signatureRounds) await tasks.updateMany({ parentKey: task.key, state: 'open' }, { $set: { state: 'canceled', closedAt: clock() }, $inc: { rev: 1 } });
    deps.onClose?.(task.key);
  }

  /** A task moved to another process version with its case (migration): same key, new element and name. Idempotent. */
  async function migrated({ task }: TaskMigratedEvent): Promise<void> {
    const headers = task.customHeaders ?? {};
    const after = await tasks.findOneAndUpdate({ _id: task.key, state: mongoose.trusted({ $in: ['open', 'completing', 'awaitingSigners'] }) }, {
      $set: { processId: task.processId, processVersion: task.processVersion, elementId: task.elementId, name: task.name ?? task.elementId, step: headers.step ?? task.elementId },
      $inc: { rev: 1 },
    }, { returnDocument: 'after' }).lean<TaskDoc>();
    if (after) deps.onChange?.(after);
  }

  return {
    onTaskMigrated: migrated,
    async onUserTask(event: UserTaskEvent): Promise<void> {
      if (event.type === 'created') return created(event.task);
      return closed(event.task, event.type);
    },
  };
}

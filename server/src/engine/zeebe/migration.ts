/**
 * Process-instance migration on Zeebe: the gateway's MigrateProcessInstance command (Zeebe 8.4+;
 * 8.5 moves a subset — service and user tasks, sub-processes, call activities; it refuses boundary
 * events of several kinds, event sub-processes, multi-instance and more, each with its own message).
 * Before sending, the adapter runs the port's check (../migration.ts) on what it can see: the user
 * tasks it holds and the XML of the versions it deployed. Zeebe checks the rest and moves the instance
 * atomically or not at all; its refusal comes back as MIGRATION_REFUSED_BY_ZEEBE with Zeebe's message.
 * A job-based user task keeps its key (its job is migrated); the adapter renames its open task and
 * announces it through onTaskMigrated.
 */
import type { Zeebe } from '@camunda8/sdk';
import { EngineInvalid, EngineNotFound, type EngineError } from '../errors.ts';
import { checkMigration, migrationRefused, type MigrateInstanceRequest, type MigratedInstance, type MigrationCheck } from '../migration.ts';
import { migrationElements } from '../migration-elements.ts';
import type { TaskMigratedListener, UserTask } from '../port.ts';
import type { DeployedElements } from './elements.ts';
import { fromGrpc, grpcCode, GRPC } from './errors.ts';
import type { OpenTaskStore } from './open-tasks.ts';

export interface ZeebeMigrationDeps {
  client: Pick<Zeebe.ZeebeGrpcClient, 'migrateProcessInstance'>;
  elements: DeployedElements;
  openTasks: OpenTaskStore;
  listeners: TaskMigratedListener[];
}

/** Zeebe's refusal, its message kept (it names the element), the element as the field. */
export function migrationRefusal(error: unknown, processInstanceKey: string): EngineError {
  const code = grpcCode(error);
  if (code === GRPC.NOT_FOUND) return new EngineNotFound({ code: 'NOT_FOUND', en: `process instance ${processInstanceKey} or its target not found`, zh: '流程实例或目标流程版本不存在', cause: error });
  if (code !== GRPC.INVALID_ARGUMENT && code !== GRPC.FAILED_PRECONDITION) return fromGrpc(error, { en: 'migration', zh: '迁移' });
  const message = ((error as Error)?.message ?? String(error)).replace(/^\d+ [A-Z_]+: /, '');
  const element = /(?:element|target element) with id '([^']+)'/.exec(message)?.[1] ?? /element id '([^']+)'/.exec(message)?.[1] ?? 'mappings';
  return new EngineInvalid({
    code: 'MIGRATION_REFUSED_BY_ZEEBE', zh: `Zeebe 8.5 拒绝迁移此实例（未迁移任何内容）：${message}`, en: `Zeebe 8.5 refused to migrate this instance (nothing was moved): ${message}`,
    fields: [{ field: element, message }], cause: error,
  });
}

export class ZeebeMigration {
  constructor(private readonly deps: ZeebeMigrationDeps) {}

  private async tasksOf(processInstanceKey: string): Promise<UserTask[]> {
    return (await this.deps.openTasks.all()).filter((t) => t.processInstanceKey === processInstanceKey);
  }

  /** The port's check on the open user tasks of the instance; `complete: false` — Zeebe sees the rest. */
  async check(request: MigrateInstanceRequest): Promise<MigrationCheck> {
    const tasks = await this.tasksOf(request.processInstanceKey);
    const active = tasks.map((t) => ({ elementId: t.elementId, elementInstanceKey: t.elementInstanceKey }));
    const target = this.deps.elements.definition(request.targetProcessDefinitionKey);
    const source = tasks[0] && this.deps.elements.xmlOf(tasks[0].processId, tasks[0].processVersion);
    const onTarget = target && tasks.length > 0 && tasks.every((t) => t.processId === target.processId && t.processVersion === target.version);
    const problems = source && target && !onTarget
      ? checkMigration({ source: await migrationElements(source, tasks[0].processId), target: await migrationElements(target.xml, target.processId), active, mappings: request.mappings })
      : [];
    return { processInstanceKey: request.processInstanceKey, processId: tasks[0]?.processId, version: tasks[0]?.processVersion, active, problems, complete: false };
  }

  async migrate(request: MigrateInstanceRequest): Promise<MigratedInstance> {
    const target = this.deps.elements.definition(request.targetProcessDefinitionKey);
    const tasks = await this.tasksOf(request.processInstanceKey);
    const answer = { processInstanceKey: request.processInstanceKey, processId: target?.processId ?? tasks[0]?.processId ?? '', version: target?.version ?? 0 };
    if (target && tasks.length > 0 && tasks.every((t) => t.processId === target.processId && t.processVersion === target.version)) return { ...answer, alreadyMigrated: true };
    const { problems } = await this.check(request);
    if (problems.length) throw migrationRefused(problems);
    await this.deps.client.migrateProcessInstance({
      processInstanceKey: request.processInstanceKey,
      migrationPlan: { targetProcessDefinitionKey: request.targetProcessDefinitionKey, mappingInstructions: request.mappings },
    }).catch((error: unknown) => { throw migrationRefusal(error, request.processInstanceKey); });
    const to = new Map(request.mappings.map((m) => [m.sourceElementId, m.targetElementId]));
    for (const task of tasks) {
      const elementId = to.get(task.elementId) ?? task.elementId;
      const name = target ? this.deps.elements.find(target.processId, target.version, elementId)?.name : undefined;
      const moved: UserTask = { ...task, elementId, ...(target ? { processId: target.processId, processVersion: target.version } : {}) };
      if (name) moved.name = name;
      await this.deps.openTasks.put(moved);
      const from = { processId: task.processId, processVersion: task.processVersion, elementId: task.elementId, ...(task.name ? { name: task.name } : {}) };
      for (const listener of this.deps.listeners) await listener({ task: moved, from });
    }
    return { ...answer, alreadyMigrated: false };
  }
}

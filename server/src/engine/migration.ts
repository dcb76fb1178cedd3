/**
 * Moving a running instance to another process version (process-instance migration): the request
 * both adapters take, and the one check that runs before anything moves. The check is pure — it
 * reads element descriptions and the instance's active elements, never an engine — so the embedded
 * executor, the Zeebe adapter and the migration page's preview all judge a mapping by the same rules:
 * - every active element is mapped (a mapping that loses one is refused, naming it);
 * - each mapped element keeps its type and its flow scope (its container maps to the target's container);
 * - nothing moves into or out of a multi-instance body or an event sub-process.
 * Timers and message subscriptions are re-created from the target's definition; variables stay.
 * https://docs.camunda.io/docs/components/concepts/process-instance-migration/
 */
import { EngineInvalid } from './errors.ts';

export interface MigrationMapping {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrateInstanceRequest {
  processInstanceKey: string;
  /** Engine key of the process definition (version) to move to. */
  targetProcessDefinitionKey: string;
  mappings: MigrationMapping[];
}

export interface MigratedInstance {
  processInstanceKey: string;
  processId: string;
  version: number;
  /** The instance already ran on the target (a retried migration): nothing changed. */
  alreadyMigrated: boolean;
}

/** What the check needs to know of one element of a process version. */
export interface MigrationElement {
  id: string;
  /** BPMN type without prefix: userTask, serviceTask, subProcess, … */
  type: string;
  name?: string;
  /** Id of the containing sub-process, or null at process level. */
  parent: string | null;
  multiInstance: boolean;
  /** The element is an event sub-process or lies inside one. */
  inEventSubProcess: boolean;
}

export type MigrationElements = Record<string, MigrationElement>;

/** An element instance that is running (a token, a waiting task, a pending join). */
export interface ActiveElement {
  elementId: string;
  elementInstanceKey: string;
}

export type MigrationProblemCode =
  | 'DUPLICATE_SOURCE' | 'SOURCE_UNKNOWN' | 'TARGET_UNKNOWN' | 'TYPE_CHANGED' | 'MULTI_INSTANCE_CHANGED'
  | 'EVENT_SUBPROCESS_CHANGED' | 'FLOW_SCOPE_CHANGED' | 'ACTIVE_UNMAPPED' | 'REFUSED_BY_ENGINE';

export interface MigrationProblem {
  /** The source element at fault (the target's id when the target is unknown). */
  elementId: string;
  code: MigrationProblemCode;
  en: string;
  zh: string;
}

/** What an engine says about moving one instance, before anything moves. */
export interface MigrationCheck {
  processInstanceKey: string;
  /** Process id and version the instance runs on now, where the adapter can tell. */
  processId?: string;
  version?: number;
  active: ActiveElement[];
  problems: MigrationProblem[];
  /**
   * False where the adapter does not see every active element (the Zeebe gateway shows only the user
   * tasks it holds): the engine may still refuse when the instance is moved.
   */
  complete: boolean;
}

const label = (e: MigrationElement | undefined, id: string) => (e?.name ? `${e.name}（${id}）` : id);

/**
 * The static half: each mapping on its own, against the two versions (unknown ids, duplicate sources,
 * changed types, multi-instance or event sub-process membership changed).
 */
export function checkMappings(source: MigrationElements, target: MigrationElements, mappings: MigrationMapping[]): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const seen = new Set<string>();
  for (const { sourceElementId: s, targetElementId: t } of mappings) {
    const from = source[s];
    const to = target[t];
    if (seen.has(s)) problems.push({ elementId: s, code: 'DUPLICATE_SOURCE', en: `${s} is mapped twice`, zh: `${label(from, s)} 被映射了两次` });
    seen.add(s);
    if (!from) { problems.push({ elementId: s, code: 'SOURCE_UNKNOWN', en: `${s} is no element of the source version`, zh: `源版本中没有元素 ${s}` }); continue; }
    if (!to) { problems.push({ elementId: s, code: 'TARGET_UNKNOWN', en: `${s} is mapped to ${t}, which is no element of the target version`, zh: `${label(from, s)} 映射到的 ${t} 在目标版本中不存在` }); continue; }
    if (from.type !== to.type) {
      problems.push({ elementId: s, code: 'TYPE_CHANGED', en: `${s} (${from.type}) is mapped to ${t} of another type (${to.type})`, zh: `${label(from, s)} 与 ${label(to, t)} 的元素类型不同（${from.type} → ${to.type}）` });
    } else if (from.multiInstance !== to.multiInstance) {
      problems.push({ elementId: s, code: 'MULTI_INSTANCE_CHANGED', en: `${s} would move ${from.multiInstance ? 'out of' : 'into'} a multi-instance body`, zh: `${label(from, s)} 不能${from.multiInstance ? '移出' : '移入'}多实例` });
    } else if (from.inEventSubProcess !== to.inEventSubProcess) {
      problems.push({ elementId: s, code: 'EVENT_SUBPROCESS_CHANGED', en: `${s} would move ${from.inEventSubProcess ? 'out of' : 'into'} an event sub-process`, zh: `${label(from, s)} 不能${from.inEventSubProcess ? '移出' : '移入'}事件子流程` });
    }
  }
  return problems;
}

/**
 * The whole check for one instance: the mappings, then every active element mapped and kept in its
 * flow scope. An empty answer means the instance may move.
 */
export function checkMigration(input: { source: MigrationElements; target: MigrationElements; active: ActiveElement[]; mappings: MigrationMapping[] }): MigrationProblem[] {
  const { source, target, mappings } = input;
  const problems = checkMappings(source, target, mappings);
  const to = new Map(mappings.map((m) => [m.sourceElementId, m.targetElementId]));
  for (const id of new Set(input.active.map((a) => a.elementId))) {
    const from = source[id];
    const mapped = to.get(id);
    if (!mapped) {
      problems.push({ elementId: id, code: 'ACTIVE_UNMAPPED', en: `active element ${id} is not mapped: it would be lost`, zh: `当前停留的 ${label(from, id)} 没有映射，迁移后会丢失` });
      continue;
    }
    const parent = from?.parent ?? null;
    const expected = parent === null ? null : to.get(parent) ?? parent;
    const actual = target[mapped]?.parent ?? null;
    if (target[mapped] && expected !== actual) {
      problems.push({ elementId: id, code: 'FLOW_SCOPE_CHANGED', en: `${id} would change its container (${parent ?? 'process'} → ${actual ?? 'process'})`, zh: `${label(from, id)} 不能换到另一个子流程（${parent ?? '流程'} → ${actual ?? '流程'}）` });
    }
  }
  return problems;
}

/** Mappings of every element id the two versions share (the page's starting point). */
export function mappingsByEqualIds(source: MigrationElements, target: MigrationElements): MigrationMapping[] {
  return Object.keys(source).filter((id) => target[id] && target[id].type === source[id].type).map((id) => ({ sourceElementId: id, targetElementId: id }));
}

/** The refusal both adapters throw (422 at the HTTP edge), each problem as a field named by its element. */
export function migrationRefused(problems: MigrationProblem[]): EngineInvalid {
  return new EngineInvalid({
    code: 'MIGRATION_MAPPING_INVALID',
    zh: `迁移映射不可用，未迁移任何内容：${problems.map((p) => p.zh).join('；')}`,
    en: `The migration mapping cannot be applied; nothing was moved: ${problems.map((p) => p.en).join('; ')}`,
    fields: problems.map((p) => ({ field: p.elementId, message: p.en })),
  });
}

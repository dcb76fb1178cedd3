import { createHash } from 'node:crypto';
import type { Model } from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { assertCan, defineAbilityFor, subjectOf, type AppAbility } from '../authz/index.ts';
import type { WorkflowEngine } from '../engine/port.ts';
import { notFound, problem, type FieldProblem } from '../shared/errors.ts';
import { processOutOfScope } from './problems.ts';
import type { ProcessVersion } from './model.ts';
import { versionChanges } from './changes.ts';
import { validateBpmn, type ValidatedBpmn } from './validate.ts';

/** Who and why, recorded with a published version. */
export interface PublishMeta {
  author: Pick<Principal, 'userId' | 'username'>;
  publishedBy?: Pick<Principal, 'userId' | 'username'>;
  comment?: string;
  draftId?: string;
  rollbackOf?: number;
}

export interface ProcessServiceDeps {
  versions: Model<ProcessVersion>;
  engine: Pick<WorkflowEngine, 'name' | 'deploy'>;
  /** Job types with a registered handler, asked at each publication (workers may register late). */
  jobTypes: () => ReadonlySet<string>;
  maxXmlBytes?: number;
}

export interface PublishedVersion {
  processId: string;
  version: number;
  key: string;
  checksum: string;
  deployedAt: Date;
}

const summary = { _id: 0, xml: 0, __v: 0 } as const;

/**
 * Publishing BPMN processes: validate, deploy through the engine port as the next version of each
 * process id, record the version with checksum, author and time. Running instances stay on the
 * version they started with (the engine's rule); new instances take the latest.
 */
export class ProcessService {
  constructor(private readonly deps: ProcessServiceDeps) {}

  /**
   * Asks the ability (`deployWithoutReview` Process, ability.ts): throws FORBIDDEN before reading the file when
   * the principal may publish no process; the validation errors of `validateBpmn`;
   * PROCESS_OUT_OF_SCOPE for a process of a department the principal may not publish for;
   * PROCESS_VERSION_CONFLICT when the engine answers with a version already recorded for different
   * XML. Nothing is deployed on any refusal. Without `ability` (the shipped workflows at start-up),
   * the principal's own is built: publishing needs no delegation.
   */
  async publish(xml: string, principal: Principal, ability: AppAbility = defineAbilityFor(principal, [], new Date())): Promise<{ processes: PublishedVersion[]; warnings: FieldProblem[] }> {
    assertCan(ability, 'deployWithoutReview', 'Process');
    const validated = await this.validate(xml);
    const outside = validated.processes.find((p) => !ability.can('deployWithoutReview', subjectOf('Process', { processId: p.processId, departmentCode: departmentOfProcess(p.processId) })));
    if (outside) throw processOutOfScope(outside.processId, principal.departmentCode ?? '—');
    return this.deploy(xml, validated, { author: principal });
  }

  /** The publishing checks (validation and dry run) without deploying; throws as `publish` does. */
  validate(xml: string) {
    return validateBpmn(xml, { jobTypes: this.deps.jobTypes(), maxBytes: this.deps.maxXmlBytes });
  }

  /**
   * Deploys XML that passed `validate` and records each process's version with its history: the
   * author, who published it (a reviewer), why, and what changed against the version before.
   */
  async deploy(xml: string, validated: ValidatedBpmn, meta: PublishMeta): Promise<{ processes: PublishedVersion[]; warnings: FieldProblem[] }> {
    const previous = new Map<string, string | undefined>();
    for (const p of validated.processes) {
      previous.set(p.processId, (await this.deps.versions.findOne({ processId: p.processId }, { xml: 1 }).sort({ version: -1 }).lean())?.xml);
    }
    const checksum = createHash('sha256').update(xml, 'utf8').digest('hex');
    const deployed = await this.deps.engine.deploy({ name: `${validated.processes[0].processId}.bpmn`, xml });
    const deployedAt = new Date();
    const processes: PublishedVersion[] = [];
    for (const d of deployed) {
      const name = validated.processes.find((p) => p.processId === d.processId)?.name;
      const record: ProcessVersion = {
        processId: d.processId, version: d.version, ...(name ? { name } : {}), xml, checksum, key: d.key,
        engine: this.deps.engine.name, author: { userId: meta.author.userId, username: meta.author.username }, deployedAt, warnings: validated.warnings,
        changes: await versionChanges(previous.get(d.processId), xml),
        ...(meta.comment ? { comment: meta.comment } : {}),
        ...(meta.publishedBy ? { publishedBy: { userId: meta.publishedBy.userId, username: meta.publishedBy.username } } : {}),
        ...(meta.draftId ? { draftId: meta.draftId } : {}),
        ...(meta.rollbackOf ? { rollbackOf: meta.rollbackOf } : {}),
      };
      processes.push(await this.record(record));
    }
    return { processes, warnings: validated.warnings };
  }

  /** Zeebe answers an unchanged resource with its existing version: recording it again is a no-op. */
  private async record(record: ProcessVersion): Promise<PublishedVersion> {
    const existing = await this.deps.versions.findOne({ processId: record.processId, version: record.version }, summary).lean();
    if (existing) {
      if (existing.checksum !== record.checksum) {
        throw problem('PROCESS_VERSION_CONFLICT', { params: { processId: record.processId, version: record.version } });
      }
      return pick(existing);
    }
    await this.deps.versions.create(record);
    return pick(record);
  }

  /** Every process with its versions, newest first; XML left out. */
  async list() {
    const all = await this.deps.versions.find({}, summary).sort({ processId: 1, version: -1 }).lean();
    const byId = new Map<string, { processId: string; name?: string; latestVersion: number; versions: typeof all }>();
    for (const v of all) {
      const entry = byId.get(v.processId) ?? { processId: v.processId, name: v.name, latestVersion: v.version, versions: [] };
      entry.versions.push(v);
      byId.set(v.processId, entry);
    }
    return [...byId.values()];
  }

  /** Throws NOT_FOUND when the process was never published. */
  async versions(processId: string) {
    const items = await this.deps.versions.find({ processId }, summary).sort({ version: -1 }).lean();
    if (items.length === 0) throw notFound('process');
    return items;
  }

  /** Throws NOT_FOUND for an unknown process or version. */
  async xml(processId: string, version: number): Promise<string> {
    const found = await this.deps.versions.findOne({ processId, version }, { xml: 1 }).lean();
    if (!found) throw notFound('processVersion');
    return found.xml;
  }
}

const pick = (v: Pick<ProcessVersion, 'processId' | 'version' | 'key' | 'checksum' | 'deployedAt'>): PublishedVersion =>
  ({ processId: v.processId, version: v.version, key: v.key, checksum: v.checksum, deployedAt: v.deployedAt });

/** The department a published process belongs to: the `<department>-` prefix of its id (vocabulary.ts); none for hall-wide ids. */
export const departmentOfProcess = (processId: string): string | undefined => /^([a-z][a-z0-9]*)-/.exec(processId)?.[1];

import mongoose, { type Connection } from 'mongoose';
import type { AuditTrail } from '../../audit/trail.ts';
import type { Principal } from '../../auth/index.ts';
import { assertCan, subjectOf, type AppAbility } from '../../authz/index.ts';
import {
  checkMappings, EngineError, mappingsByEqualIds, migrationRefused,
  type MigrationElements, type MigrationMapping, type MigrationProblem, type WorkflowEngine,
} from '../../engine/index.ts';
import { migrationElements } from '../../engine/migration-elements.ts';
import { caseLedger, caseReads, type Case, type CaseStatus } from '../../intake/index.ts';
import { notFound, validationFailed } from '../../shared/errors.ts';
import { processDraftModel } from '../drafts/model.ts';
import { processVersionModel, type ProcessVersion } from '../model.ts';
import { departmentOfProcess } from '../service.ts';
import type { MigrateBody, MigrationOutcome, PreviewBody } from './schemas.ts';

export interface MigrationDeps {
  db: Connection;
  engine: Pick<WorkflowEngine, 'checkMigration' | 'migrateInstance'>;
  trail: AuditTrail;
}

type Actor = Pick<Principal, 'userId' | 'username'>;
type Version = Pick<ProcessVersion, 'processId' | 'version' | 'key' | 'xml'>;
const RUNNING = { processInstanceKey: mongoose.trusted({ $exists: true }), processEnded: mongoose.trusted({ $exists: false }), status: mongoose.trusted({ $nin: ['completed', 'terminated', 'refused'] as CaseStatus[] }) };
const MAX_CASES = 200;

/**
 * Moving running cases to another version of their process (流程实例迁移). Who may migrate is who may
 * publish the process (CASL `deploy` on it). The preview checks each running case through the engine
 * port without moving it; a migration first checks the mapping and every selected case — any problem
 * refuses the whole request, naming the elements, with nothing moved — then moves each case through
 * the engine, writes it on the case timeline through the ledger and in the audit trail, each under
 * the operation id of that instance and target, so a retried request moves and logs nothing twice.
 */
export class MigrationService {
  constructor(private readonly deps: MigrationDeps) {}

  async preview(ability: AppAbility, processId: string, body: PreviewBody) {
    const { source, target, elements } = await this.versions(ability, processId, body);
    const mappings = body.mappings ?? mappingsByEqualIds(elements.source, elements.target);
    const mappingProblems = checkMappings(elements.source, elements.target, mappings);
    const cases = await caseReads(this.deps.db).find({ processId, processVersion: source.version, ...RUNNING }, { caseNumber: 1, processInstanceKey: 1, currentStep: 1, 'applicant.name': 1 })
      .sort({ caseNumber: 1 }).limit(MAX_CASES).lean<Case[]>();
    const request = (c: Case) => ({ processInstanceKey: c.processInstanceKey!, targetProcessDefinitionKey: target.key, mappings });
    const checked = [];
    for (const c of cases) {
      const check = await this.deps.engine.checkMigration(request(c)).catch((error: unknown) => refusalOf(error));
      const problems = 'problems' in check ? check.problems : [check];
      checked.push({
        caseNumber: c.caseNumber, applicant: c.applicant?.name, currentStep: c.currentStep?.name, processInstanceKey: c.processInstanceKey,
        active: 'active' in check ? check.active.map((a) => ({ elementId: a.elementId, name: elements.source[a.elementId]?.name })) : [],
        complete: 'complete' in check ? check.complete : true, canMove: problems.length === 0 && mappingProblems.length === 0, problems,
      });
    }
    return { processId, source: listed(source, elements.source), target: listed(target, elements.target), mappings, mappingProblems, cases: checked };
  }

  async migrate(ability: AppAbility, principal: Actor, processId: string, body: MigrateBody) {
    const { source, target, elements } = await this.versions(ability, processId, body);
    const mappingProblems = checkMappings(elements.source, elements.target, body.mappings);
    if (mappingProblems.length) throw migrationRefused(mappingProblems);
    const cases = await caseReads(this.deps.db).find({ caseNumber: mongoose.trusted({ $in: body.caseNumbers }), processId }).lean<Case[]>();
    const missing = body.caseNumbers.filter((n) => !cases.some((c) => c.caseNumber === n));
    if (missing.length) throw notFound('case', missing.join(','));
    const stale = cases.filter((c) => !c.processInstanceKey || (c.processVersion !== source.version && c.processVersion !== target.version));
    if (stale.length) throw validationFailed(stale.map((c) => ({ field: `caseNumbers.${body.caseNumbers.indexOf(c.caseNumber)}`, message: `case ${c.caseNumber} does not run on version ${source.version}` })));
    const request = (c: Case) => ({ processInstanceKey: c.processInstanceKey!, targetProcessDefinitionKey: target.key, mappings: body.mappings });
    // Every case is checked before any moves: one that cannot move refuses the whole request.
    const problems: MigrationProblem[] = [];
    for (const c of cases) {
      if (c.processVersion === source.version) problems.push(...(await this.deps.engine.checkMigration(request(c))).problems.map((p) => ({ ...p, en: `case ${c.caseNumber}: ${p.en}`, zh: `办件 ${c.caseNumber}：${p.zh}` })));
    }
    if (problems.length) throw migrationRefused(problems);
    const results: Array<{ caseNumber: string; outcome: MigrationOutcome; reason?: { code: string; zh: string; en: string } }> = [];
    for (const c of cases) results.push(await this.moveOne(principal, c, source, target, body.mappings, request(c)));
    return { processId, sourceVersion: source.version, targetVersion: target.version, results };
  }

  private async moveOne(principal: Actor, c: Case, source: Version, target: Version, mappings: MigrationMapping[], request: { processInstanceKey: string; targetProcessDefinitionKey: string; mappings: MigrationMapping[] }) {
    try {
      await this.deps.engine.migrateInstance(request);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      return { caseNumber: c.caseNumber, outcome: 'refused' as const, reason: { code: error.code, zh: error.zh, en: error.message } };
    }
    const op = `migration:${request.processInstanceKey}:${target.key}`;
    const data = { processInstanceKey: request.processInstanceKey, fromVersion: source.version, toVersion: target.version, mappings: mappings.filter((m) => m.sourceElementId !== m.targetElementId) };
    const written = await caseLedger(this.deps.db).moveToVersion(c.caseNumber, op, { processId: target.processId, processVersion: target.version }, {
      type: 'processMigrated', actor: principal.username, note: `流程由第 ${source.version} 版迁移至第 ${target.version} 版`, data,
    });
    await this.deps.trail.append({ actor: { userId: principal.userId, username: principal.username }, action: 'process.migrate', subject: { type: 'Case', id: c.caseNumber }, departmentCode: c.departmentCode, data: { processId: target.processId, ...data } }, { once: op });
    return { caseNumber: c.caseNumber, outcome: written ? 'moved' as const : 'alreadyMoved' as const };
  }

  /** Both versions (404 when unknown), the caller's right to publish the process, and their elements. */
  private async versions(ability: AppAbility, processId: string, body: { sourceVersion: number; targetVersion: number }) {
    const draft = await processDraftModel(this.deps.db).findOne({ processId }, { departmentCode: 1 }).sort({ updatedAt: -1 }).lean();
    assertCan(ability, 'deploy', subjectOf('Process', { processId, departmentCode: draft?.departmentCode ?? departmentOfProcess(processId) }));
    if (body.sourceVersion === body.targetVersion) throw validationFailed([{ field: 'body.targetVersion', message: 'the target version must differ from the source version' }]);
    const model = processVersionModel(this.deps.db);
    const [source, target] = await Promise.all([body.sourceVersion, body.targetVersion].map(async (version) => {
      const found = await model.findOne({ processId, version }, { processId: 1, version: 1, key: 1, xml: 1 }).lean<Version>();
      if (!found) throw notFound('processVersion', `${processId} v${version}`);
      return found;
    }));
    const elements = { source: await migrationElements(source.xml, processId), target: await migrationElements(target.xml, processId) };
    return { source, target, elements };
  }
}

const listed = (v: Version, elements: MigrationElements) => ({
  version: v.version, key: v.key,
  elements: Object.values(elements).map((e) => ({ id: e.id, type: e.type, name: e.name, parent: e.parent })),
});

/** An engine refusal of the check (an ended or unknown instance) as one problem of the case. */
function refusalOf(error: unknown): MigrationProblem {
  if (!(error instanceof EngineError)) throw error;
  return { elementId: 'instance', code: 'REFUSED_BY_ENGINE', en: error.message, zh: error.zh };
}

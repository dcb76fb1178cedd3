import { randomUUID } from 'node:crypto';
import mongoose, { type Model } from 'mongoose';
import type { AuditTrail } from '../../audit/trail.ts';
import type { Principal } from '../../auth/index.ts';
import { accessibleFilter, assertCan, subjectOf, type Action, type AppAbility } from '../../authz/index.ts';
import { notFound } from '../../shared/errors.ts';
import { processOutOfScope } from '../problems.ts';
import type { ProcessService } from '../service.ts';
import { draftIdentity } from './identity.ts';
import type { DraftEvent, DraftStatus, ProcessDraft } from './model.ts';
import { draftProcessIdChanged, draftWrongStatus } from './problems.ts';

export interface DraftServiceDeps {
  drafts: Model<ProcessDraft>;
  processes: ProcessService;
  trail: AuditTrail;
  maxXmlBytes?: number;
  clock?: () => Date;
}

type Actor = Pick<Principal, 'userId' | 'username' | 'departmentCode'>;
const person = (p: Actor) => ({ userId: p.userId, username: p.username });
const listed = { xml: 0, simple: 0, __v: 0 } as const;
const editable: DraftStatus[] = ['draft', 'rejected'];

/**
 * Process changes under review (提交审核 → 审核发布): a department admin or a designer writes a draft
 * and submits it with a comment; someone else with the `deploy` power on the process (a designer, a
 * second admin of the department; never the author, except the system admin) publishes it or sends it
 * back. Every check is CASL's (authz/ability.ts); the publishing checks and the dry run run at submit
 * and again at publish. Each step is written to the draft's history and to the audit trail.
 */
export class DraftService {
  constructor(private readonly deps: DraftServiceDeps) {}

  private now() { return (this.deps.clock ?? (() => new Date()))(); }

  private subject(draft: Pick<ProcessDraft, 'processId' | 'departmentCode' | 'authorId'>) {
    return subjectOf('Process', { processId: draft.processId, departmentCode: draft.departmentCode, authorId: draft.authorId });
  }

  /** Loads a draft the ability may `action`; NOT_FOUND, then FORBIDDEN (read first: a draft of another department is refused as such). */
  private async load(ability: AppAbility, id: string, action: Action): Promise<ProcessDraft> {
    const draft = await this.deps.drafts.findById(id).lean();
    if (!draft) throw notFound('processDraft');
    assertCan(ability, 'read', this.subject(draft));
    if (action !== 'read') assertCan(ability, action, this.subject(draft));
    return draft as ProcessDraft;
  }

  async list(ability: AppAbility) {
    assertCan(ability, 'read', 'Process');
    return this.deps.drafts.find({ $and: [accessibleFilter(ability, 'read', 'Process')] }, listed).sort({ updatedAt: -1 }).limit(500).lean();
  }

  get(ability: AppAbility, id: string) { return this.load(ability, id, 'read'); }

  async create(ability: AppAbility, principal: Actor, input: { xml: string; departmentCode?: string; simple?: unknown }) {
    assertCan(ability, 'create', 'Process');
    const identity = await draftIdentity(input.xml, this.deps.maxXmlBytes);
    const departmentCode = principal.departmentCode ?? input.departmentCode;
    if (departmentCode && !identity.processId.startsWith(`${departmentCode}-`)) throw processOutOfScope(identity.processId, departmentCode);
    const draft: ProcessDraft = {
      _id: randomUUID(), ...identity, ...(departmentCode ? { departmentCode } : {}), authorId: principal.userId, author: person(principal),
      xml: input.xml, ...(input.simple === undefined ? {} : { simple: input.simple }), status: 'draft',
      history: [{ action: 'save', by: person(principal), at: this.now() }], createdAt: this.now(), updatedAt: this.now(),
    };
    assertCan(ability, 'create', this.subject(draft));
    await this.deps.drafts.create(draft);
    return draft;
  }

  async update(ability: AppAbility, principal: Actor, id: string, input: { xml: string; simple?: unknown }) {
    const draft = await this.load(ability, id, 'update');
    if (!editable.includes(draft.status)) throw draftWrongStatus(draft.status, editable, '修改');
    const identity = await draftIdentity(input.xml, this.deps.maxXmlBytes);
    if (identity.processId !== draft.processId) throw draftProcessIdChanged(draft.processId, identity.processId);
    return this.transition(draft, editable, '修改', {
      $set: { xml: input.xml, ...(identity.name ? { name: identity.name } : {}), ...(input.simple === undefined ? {} : { simple: input.simple }), status: 'draft', updatedAt: this.now() },
    }, { action: 'save', by: person(principal), at: this.now() });
  }

  /** Runs the publishing checks (validation + dry run) first: a draft that would be refused is not submitted. */
  async submit(ability: AppAbility, principal: Actor, id: string, comment: string) {
    const draft = await this.load(ability, id, 'submit');
    if (!editable.includes(draft.status)) throw draftWrongStatus(draft.status, editable, '提交审核');
    await this.deps.processes.validate(draft.xml);
    const done = await this.transition(draft, editable, '提交审核', { $set: { status: 'submitted', updatedAt: this.now() } }, { action: 'submit', by: person(principal), at: this.now(), comment });
    await this.audit(principal, 'process.submit', draft, { comment });
    return done;
  }

  async reject(ability: AppAbility, principal: Actor, id: string, comment: string) {
    const draft = await this.load(ability, id, 'deploy');
    const done = await this.transition(draft, ['submitted'], '退回修改', { $set: { status: 'rejected', updatedAt: this.now() } }, { action: 'reject', by: person(principal), at: this.now(), comment });
    await this.audit(principal, 'process.reject', draft, { comment });
    return done;
  }

  /**
   * Publishes a submitted draft as the next version. The draft is claimed (submitted → published)
   * before the engine deploys, so two reviewers cannot publish it twice; a refused deployment gives
   * it back.
   */
  async publish(ability: AppAbility, principal: Actor, id: string, comment: string) {
    const draft = await this.load(ability, id, 'deploy');
    if (draft.status !== 'submitted') throw draftWrongStatus(draft.status, ['submitted'], '发布');
    const validated = await this.deps.processes.validate(draft.xml);
    await this.transition(draft, ['submitted'], '发布', { $set: { status: 'published', updatedAt: this.now() } });
    let result;
    try {
      result = await this.deps.processes.deploy(draft.xml, validated, { author: draft.author, publishedBy: principal, comment, draftId: draft._id });
    } catch (error) {
      await this.deps.drafts.updateOne({ _id: draft._id, status: 'published' }, { $set: { status: 'submitted' } });
      throw error;
    }
    const version = result.processes.find((p) => p.processId === draft.processId)?.version;
    await this.deps.drafts.updateOne({ _id: draft._id }, { $set: { publishedVersion: version }, $push: { history: { action: 'publish', by: person(principal), at: this.now(), comment, version } } });
    await this.audit(principal, 'process.publish', draft, { comment, version });
    return { ...result, draftId: draft._id };
  }

  /** Publishes an old version's XML again as the newest (回退); the process's department is its drafts'. */
  async rollback(ability: AppAbility, principal: Actor, processId: string, version: number, comment: string) {
    const latestDraft = await this.deps.drafts.findOne({ processId }, { departmentCode: 1 }).sort({ updatedAt: -1 }).lean();
    const departmentCode = latestDraft?.departmentCode;
    assertCan(ability, 'deploy', subjectOf('Process', { processId, departmentCode }));
    const xml = await this.deps.processes.xml(processId, version);
    const validated = await this.deps.processes.validate(xml);
    const result = await this.deps.processes.deploy(xml, validated, { author: principal, publishedBy: principal, comment, rollbackOf: version });
    await this.audit(principal, 'process.rollback', { processId, departmentCode, _id: '' }, { comment, from: version, version: result.processes[0]?.version });
    return result;
  }

  /** A status change that holds only if the draft is still in one of `from` (a concurrent change loses with 409). */
  private async transition(draft: ProcessDraft, from: DraftStatus[], zhAction: string, update: Record<string, unknown>, event?: DraftEvent) {
    const changed = await this.deps.drafts.findOneAndUpdate(
      { _id: draft._id, status: mongoose.trusted({ $in: from }) },
      { ...update, ...(event ? { $push: { history: event } } : {}) },
      // FerretDB 1.x implements no projection on findAndModify: the XML is left out here
      { returnDocument: 'after' },
    ).lean();
    if (!changed) {
      const now = await this.deps.drafts.findById(draft._id, { status: 1 }).lean();
      throw draftWrongStatus(now?.status ?? draft.status, from, zhAction);
    }
    const { xml: _xml, simple: _simple, ...rest } = changed;
    return rest;
  }

  private audit(principal: Actor, action: string, draft: Pick<ProcessDraft, 'processId' | 'departmentCode' | '_id'>, data: Record<string, unknown>) {
    return this.deps.trail.append({
      actor: person(principal), action, subject: { type: 'Process', id: draft.processId },
      departmentCode: draft.departmentCode ?? null, data: { ...(draft._id ? { draftId: draft._id } : {}), ...data },
    });
  }
}

import { displayNameOf, type Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import { issuingBody, type Department } from '../catalog/index.ts';
import type { IntakeService, NoticeIssuer } from '../intake/index.ts';
import { maskPhone } from '../intake/index.ts';
import type { Decision } from '../intake/schemas.ts';
import { AppError, notFound, problem, refusalOfPart, validationFailed, type FieldProblem } from '../shared/errors.ts';
import { nextSequence } from '../shared/sequence.ts';
import { ClaimStore } from '../topology/claims.ts';
import type { BundleDefinitions } from './definitions.ts';
import { memberChecklist, memberNames } from './merge.ts';
import type { BundleCase, BundleDefinition, BundleMaterial, BundleModels } from './models.ts';
import type { BundleIntakeBody } from './schemas.ts';

export interface BundleDeskDeps {
  models: BundleModels;
  definitions: BundleDefinitions;
  intake: IntakeService;
  notices: NoticeIssuer;
  /** Starts the bundle's process once its members exist (tracker.ts). */
  started(bundle: BundleCase): Promise<void>;
  /** Claims with leases (topology/claims.ts): one finisher of a bundle's receipt at a time. */
  claims?: ClaimStore;
}

/** How long the desk waits for a sweep that holds the bundle's claim, and how long a claim is held. */
const FINISH_WAIT_MS = 15_000;
const CLAIM_TTL_MS = 120_000;

/**
 * 一件事一次办 at the desk: one applicant entry, one checklist over the merged list, one form and one
 * outcome (行政许可法第三十二条) for the whole or, where the law needs it, per member. Every member
 * is checked by intake's own rules before anything is written; then the bundle is saved, each
 * member case is received through intake's service (its own notices, its own process, its own
 * clock), one receipt for the whole is issued and the bundle's process started. The bundle is
 * saved with each member's plan and reserved case number before the first member is received, so
 * that a crash in between leaves work the sweep (recovery.ts) finishes, nothing lost or doubled.
 */
export class BundleDesk {
  private readonly claims: ClaimStore;

  constructor(private readonly deps: BundleDeskDeps) {
    this.claims = deps.claims ?? new ClaimStore(deps.models.cases.db);
  }

  /**
   * Receives the bundle. Once it is saved (`open`), it is the clerk's answer even if finishing fails
   * half-way: it shows `receiving` and the sweep finishes it — a retry of the request would open a
   * second bundle and receive its members twice.
   */
  async receive(principal: Principal, ability: AppAbility, body: BundleIntakeBody): Promise<BundleCase> {
    const bundleNumber = await this.open(principal, ability, body);
    try {
      return await this.finish(principal, ability, bundleNumber, FINISH_WAIT_MS);
    } catch {
      return this.load(bundleNumber);
    }
  }

  /**
   * Every check, then the bundle saved with each member's plan and reserved case number — before any
   * member is received. Answers the bundle number; `finish` does the rest.
   */
  async open(principal: Principal, ability: AppAbility, body: BundleIntakeBody): Promise<string> {
    assertCan(ability, 'create', 'Case');
    const definition = await this.deps.definitions.load(body.definitionCode);
    if (definition.status !== 'published') {
      throw problem('BUNDLE_NOT_PUBLISHED', { fields: [{ field: 'body.definitionCode', message: definition.status }] });
    }
    checkBody(definition, body);
    const ticked = new Map(body.materials.map((m) => [m.name, m.provided]));
    const plans = definition.members.map((member) => ({
      member,
      intakeBody: {
        matterCode: member.matterCode, applicant: body.applicant, contact: body.contact,
        materials: memberChecklist(definition.materials, member.matterCode, ticked),
        decision: memberDecision(definition.materials, member.matterCode, body.memberDecisions?.[member.matterCode] ?? body.decision),
      },
    }));
    let windowNumber = '';
    for (const plan of plans) {
      try {
        windowNumber = (await this.deps.intake.precheck(principal, ability, plan.intakeBody)).windowNumber;
      } catch (error) {
        throw asMemberError(error, plan.member.matterName, plan.member.matterCode);
      }
    }

    const intake = this.deps.intake;
    const today = intake.today();
    const calendar = await intake.calendar.calendar();
    const bundleNumber = `YJ${today.replaceAll('-', '')}-${String(await nextSequence(this.deps.models.cases.db, `bundle:${today}`)).padStart(4, '0')}`;
    const reserved: string[] = [];
    while (reserved.length < plans.length) reserved.push(await intake.reserveCaseNumber());
    // the bundle with every member's plan and reserved case number, before any member is received
    await this.deps.models.cases.create({
      bundleNumber, definitionCode: definition.code, nameZh: definition.nameZh, leadDepartmentCode: definition.leadDepartmentCode,
      windowNumber, receivedBy: principal.userId, receivedOn: today,
      applicant: body.applicant, contact: { ...body.contact, phoneLast4: body.contact.phone.slice(-4) },
      form: body.form, materials: definition.materials.map((m) => ({ name: m.name, provided: ticked.get(m.name) ?? false })),
      members: plans.map(({ member, intakeBody }, i) => ({ ...member, reservedCaseNumber: reserved[i], plan: { materials: intakeBody.materials, decision: intakeBody.decision } })),
      dueDate: calendar.addWorkingDays(today, definition.promisedDays, { countFromNextDay: intake.calendar.countFromNextDay }),
      stage: 'inProgress', receiving: true,
    });
    return bundleNumber;
  }

  /**
   * The rest of a receipt, each step once however often it runs: every member not yet received is
   * received under its reserved case number (a case made before a crash is found, not made again),
   * the one receipt issued (`once`), the bundle process started; then the bundle stops `receiving`.
   * Runs under the claim `bundle-intake:<number>`: the desk's request and the sweep never at once.
   * When a live owner holds the claim longer than `waitMs`, answers with the bundle as saved.
   */
  async finish(principal: Principal, ability: AppAbility, bundleNumber: string, waitMs = 0): Promise<BundleCase> {
    const ran = await this.claims.runClaimed(`bundle-intake:${bundleNumber}`, CLAIM_TTL_MS, () => this.finishClaimed(principal, ability, bundleNumber), waitMs);
    return ran.skipped ? this.load(bundleNumber) : ran.value;
  }

  private async finishClaimed(principal: Principal, ability: AppAbility, bundleNumber: string): Promise<BundleCase> {
    const bundle = await this.load(bundleNumber);
    if (!bundle.receiving) return bundle;
    const contact = { name: bundle.contact.name, phone: bundle.contact.phone };
    const { kind, name, idNumber, uscc } = bundle.applicant;
    const applicant = kind === 'person' ? { kind, name, idNumber: idNumber! } : { kind, name, uscc: uscc! };
    // by index, not `members.$`: FerretDB 1.24 has no positional operator
    for (const [i, member] of bundle.members.entries()) {
      if (member.caseNumber || !member.plan) continue;
      const caseDoc = await this.deps.intake.receive(principal, ability, { matterCode: member.matterCode, applicant, contact, ...member.plan }, { caseNumber: member.reservedCaseNumber });
      await this.deps.models.cases.updateOne({ bundleNumber }, { $set: { [`members.${i}.caseNumber`]: caseDoc.caseNumber } });
    }
    if (!bundle.receipt) await this.issueReceipt(principal, bundleNumber, await this.deps.definitions.load(bundle.definitionCode));
    await this.deps.started(await this.load(bundleNumber));
    await this.deps.models.cases.updateOne({ bundleNumber }, { $unset: { receiving: 1 } });
    return this.load(bundleNumber);
  }

  async load(bundleNumber: string): Promise<BundleCase> {
    const bundle = await this.deps.models.cases.findOne({ bundleNumber }).lean<BundleCase>();
    if (!bundle) throw notFound('bundleCase');
    return bundle;
  }

  /** One 收件回执 for the whole bundle: the merged materials received, under the lead department. */
  private async issueReceipt(principal: Principal, bundleNumber: string, definition: BundleDefinition): Promise<void> {
    const bundle = await this.load(bundleNumber);
    const intake = this.deps.intake;
    const lead = await intake.catalog.departments.findOne({ code: definition.leadDepartmentCode }).lean<Department>();
    const matters = await Promise.all(definition.members.map((m) => intake.matter(m.matterCode, 'definition.members')));
    const rowOf = (m: BundleMaterial) => {
      const own = m.sources.map((s) => matters.find((x) => x.code === s.matterCode)?.materials.find((x) => x.name === s.material));
      return { name: m.name, originals: Math.max(0, ...own.map((x) => x?.originals ?? 0)), copies: Math.max(0, ...own.map((x) => x?.copies ?? 0)), form: own.every((x) => x?.obtainableBySharing) ? '电子' : '纸质' };
    };
    const provided = new Set(bundle.materials.filter((m) => m.provided).map((m) => m.name));
    const issued = await this.deps.notices.issue({
      kind: 'receipt',
      data: {
        agency: { ...issuingBody(lead, definition.leadDepartmentCode), phone: '12345' },
        caseNumber: bundleNumber, documentNumber: bundleNumber,
        applicant: { name: bundle.applicant.name, contactPerson: bundle.contact.name, phone: maskPhone(bundle.contact.phone) },
        matter: { name: `一件事“${definition.nameZh}”：${definition.members.map((m) => m.matterName).join('、')}`, code: definition.code },
        applicationDate: bundle.receivedOn, receivedAt: bundle.receivedOn, issuedOn: bundle.receivedOn,
        receiver: { name: (await displayNameOf(this.deps.models.cases.db, principal)).split(/\s+/).pop(), window: `${bundle.windowNumber} 号窗口`, phone: '12345' },
        materials: definition.materials.filter((m) => provided.has(m.name)).map(rowOf),
      },
      ref: { caseNumber: bundleNumber, departmentCode: definition.leadDepartmentCode, matterCode: definition.members[0].matterCode, receivedBy: principal.userId, stage: 'intake' },
      issuedBy: principal.userId,
      once: `bundle:${bundleNumber}:receipt`,
    });
    await this.deps.models.cases.updateOne({ bundleNumber }, { $set: { receipt: { documentId: issued.documentId, verificationCode: issued.verificationCode } } });
  }
}

/** The checklist names the merged list's materials, each once; the form fills its fields; per-member outcomes name members. */
function checkBody(definition: BundleDefinition, body: BundleIntakeBody): void {
  const problems: FieldProblem[] = [];
  const known = new Set(definition.materials.map((m) => m.name));
  const seen = new Set<string>();
  body.materials.forEach((m, i) => {
    if (!known.has(m.name)) problems.push({ field: `body.materials.${i}.name`, message: `not on the bundle's list: ${m.name}` });
    if (seen.has(m.name)) problems.push({ field: `body.materials.${i}.name`, message: `listed twice: ${m.name}` });
    seen.add(m.name);
  });
  const fields = new Set(definition.form.map((f) => f.key));
  for (const key of Object.keys(body.form)) if (!fields.has(key)) problems.push({ field: `body.form.${key}`, message: 'not a field of the bundle form' });
  for (const f of definition.form) if (f.required && !body.form[f.key]) problems.push({ field: `body.form.${f.key}`, message: `required: ${f.label}` });
  const members = new Set(definition.members.map((m) => m.matterCode));
  for (const code of Object.keys(body.memberDecisions ?? {})) if (!members.has(code)) problems.push({ field: `body.memberDecisions.${code}`, message: 'not a member of this bundle' });
  if (problems.length) throw validationFailed(problems);
}

/**
 * The outcome for one member, in its own material names. A 容缺 or 补正 outcome for the whole
 * touches only the members that need a listed material; a member that needs none of them is
 * complete, and is accepted.
 */
export function memberDecision(materials: BundleMaterial[], matterCode: string, decision: Decision): Decision {
  if (decision.outcome === 'acceptWithPendingMaterials') {
    const own = memberNames(materials, matterCode, decision.pendingMaterials);
    return own.length ? { ...decision, pendingMaterials: own } : { outcome: 'accept' };
  }
  if (decision.outcome === 'requestCorrection') {
    const items = decision.items.flatMap((item) => memberNames(materials, matterCode, [item.material]).map((material) => ({ material, problem: item.problem })));
    return items.length ? { ...decision, items } : { outcome: 'accept' };
  }
  return decision;
}

/** A member's refusal, said of that member: the same code, its fields under `members.<code>`. */
function asMemberError(error: unknown, matterName: string, matterCode: string): unknown {
  if (!(error instanceof AppError)) return error;
  return refusalOfPart(error, { zh: `${matterName}：`, en: `${matterCode}: ` }, (field) => field.replace(/^body\./, `body.members.${matterCode}.`));
}

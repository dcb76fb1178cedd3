import mongoose from 'mongoose';
import type { Principal } from '../auth/index.ts';
import { accessibleFilter, assertCan, subjectOf, type AppAbility } from '../authz/index.ts';
import type { CatalogModels, Department, Matter } from '../catalog/index.ts';
import { notFound, problem, validationFailed } from '../shared/errors.ts';
import { checkPromise, mergeMaterials } from './merge.ts';
import type { BundleDefinition, BundleModels } from './models.ts';
import type { ProposalBody } from './schemas.ts';

/**
 * 一件事 definitions. An admin of the lead department proposes one (members, merged list, form,
 * promised limit); a system admin publishes it; only published bundles are received at the desk.
 *
 * Whose matters a lead department may bundle: its own, those of the departments that sit with it
 * in a back office (后台审批办公室, zhongwei.json) — the units it already coordinates with in one
 * room — and those of the district departments of its own line that it guides (`guidedBy`: the
 * city 市场监管局 and the 沙坡头区 bureau that registers 个体工商户). A member of any other department
 * is refused, and nothing is stored.
 */
export class BundleDefinitions {
  constructor(private readonly models: BundleModels, private readonly catalog: CatalogModels) {}

  async propose(principal: Principal, ability: AppAbility, body: ProposalBody): Promise<BundleDefinition> {
    assertCan(ability, 'create', subjectOf('Bundle', { leadDepartmentCode: body.leadDepartmentCode }));
    const lead = await this.catalog.departments.findOne({ code: body.leadDepartmentCode }).lean<Department>();
    if (!lead) throw validationFailed([{ field: 'body.leadDepartmentCode', message: 'unknown department' }]);
    const found = await this.catalog.matters.find({ code: mongoose.trusted({ $in: body.members }) }).lean<Matter[]>();
    const members = body.members.map((code) => found.find((m) => m.code === code));
    const unknown = body.members.filter((_, i) => !members[i]);
    if (unknown.length) throw validationFailed(unknown.map((code) => ({ field: `body.members.${body.members.indexOf(code)}`, message: `unknown matter: ${code}` })));
    const matters = members as Matter[];
    await this.assertReachable(lead, matters);
    checkPromise(body.promisedDays, matters);
    const materials = mergeMaterials(matters, body.sameAs);
    if (await this.models.definitions.exists({ code: body.code })) {
      throw problem('BUNDLE_EXISTS', { params: { code: body.code }, fields: [{ field: 'body.code', message: 'taken' }] });
    }
    const created = await this.models.definitions.create({
      code: body.code, nameZh: body.nameZh, nameEn: body.nameEn, leadDepartmentCode: lead.code,
      members: matters.map((m) => ({ matterCode: m.code, matterName: m.nameZh, departmentCode: m.departmentCode })),
      materials, form: body.form, promisedDays: body.promisedDays, status: 'proposed', proposedBy: principal.userId,
    });
    return created.toObject();
  }

  async publish(principal: Principal, ability: AppAbility, code: string): Promise<BundleDefinition> {
    const definition = await this.load(code);
    assertCan(ability, 'deploy', subjectOf('Bundle', definition));
    const published = await this.models.definitions.findOneAndUpdate(
      { code, status: 'proposed' },
      { $set: { status: 'published', publishedBy: principal.userId, publishedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean<BundleDefinition>();
    if (!published) throw problem('BUNDLE_NOT_PROPOSED');
    return published;
  }

  async list(ability: AppAbility): Promise<BundleDefinition[]> {
    return this.models.definitions.find({ $and: [accessibleFilter(ability, 'read', 'Bundle'), { code: mongoose.trusted({ $exists: true }) }] }).sort({ code: 1 }).lean<BundleDefinition[]>();
  }

  async load(code: string): Promise<BundleDefinition> {
    const definition = await this.models.definitions.findOne({ code }).lean<BundleDefinition>();
    if (!definition) throw notFound('bundle');
    return definition;
  }

  private async assertReachable(lead: Department, members: Matter[]): Promise<void> {
    const [partners, line] = await Promise.all([
      this.catalog.departments.find({ officeCodes: mongoose.trusted({ $in: lead.officeCodes }) }, { code: 1 }).lean<Department[]>(),
      this.catalog.departments.find({ guidedBy: lead.code }, { code: 1 }).lean<Department[]>(),
    ]);
    const reachable = new Set([lead.code, ...partners.map((d) => d.code), ...line.map((d) => d.code)]);
    const outside = members.map((m, i) => ({ m, i })).filter(({ m }) => !reachable.has(m.departmentCode));
    if (!outside.length) return;
    throw problem('BUNDLE_MEMBER_NOT_PROPOSABLE', {
      params: { names: outside.map(({ m }) => m.nameZh), codes: outside.map(({ m }) => m.code) },
      fields: outside.map(({ m, i }) => ({ field: `body.members.${i}`, message: `department ${m.departmentCode} is not in the lead department's back offices` })),
    });
  }
}

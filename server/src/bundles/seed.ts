import mongoose, { type Connection } from 'mongoose';
import { catalogModels, type Matter } from '../catalog/index.ts';
import { mergeMaterials, type SameAs } from './merge.ts';
import { bundleModels, type BundleFormField } from './models.ts';

interface Seeded { code: string; nameZh: string; nameEn: string; lead: string; members: string[]; promisedDays: number; sameAs: SameAs; form: BundleFormField[] }

const businessForm: BundleFormField[] = [
  { key: 'premises', label: '经营场所地址', required: true },
  { key: 'businessScope', label: '经营范围', required: true },
];

/**
 * Four 一件事 from the hall's 50 matters (国办发〔2024〕 “高效办成一件事”), each led by a department
 * that may bundle every member (its back office, its line: definitions.ts). Where two members ask
 * for the same paper under different names, the seed says they are one.
 */
export const seededBundles: Seeded[] = [
  {
    code: 'open-restaurant', nameZh: '开办餐饮店', nameEn: 'Open a restaurant', lead: 'scj', promisedDays: 5,
    members: ['scj_gs', 'scj_sp', 'gaj_kz', 'tax_fp'],
    sameAs: [
      { name: '法定代表人身份证明', materials: [{ matterCode: 'scj_gs', material: '法定代表人、董事、监事和经理的任职文件及身份证明' }, { matterCode: 'gaj_kz', material: '法定代表人身份证' }] },
      { name: '经办人身份证件', materials: [{ matterCode: 'gaj_kz', material: '经办人身份证' }, { matterCode: 'tax_fp', material: '经办人身份证件' }] },
    ],
    form: [...businessForm, { key: 'diningArea', label: '就餐面积（平方米）', required: true }],
  },
  {
    code: 'housing-project-start', nameZh: '新建住宅项目开工', nameEn: 'Start building a housing project', lead: 'zjj', promisedDays: 15,
    members: ['zjj_ltst', 'rfb_fk', 'zjj_sgxk'],
    sameAs: [
      { name: '施工图设计文件（含人防）', materials: [{ matterCode: 'zjj_ltst', material: '施工图设计文件（全专业，电子图）' }, { matterCode: 'rfb_fk', material: '人防施工图设计文件' }] },
    ],
    form: [{ key: 'projectName', label: '项目名称', required: true }, { key: 'projectAddress', label: '建设地址', required: true }, { key: 'floorArea', label: '总建筑面积（平方米）', required: true }],
  },
  {
    code: 'open-company', nameZh: '企业开办', nameEn: 'Open a company', lead: 'scj', promisedDays: 1,
    members: ['scj_gs', 'gaj_kz', 'tax_xe'],
    sameAs: [
      { name: '法定代表人身份证明', materials: [{ matterCode: 'scj_gs', material: '法定代表人、董事、监事和经理的任职文件及身份证明' }, { matterCode: 'gaj_kz', material: '法定代表人身份证' }] },
      { name: '经办人身份证件', materials: [{ matterCode: 'gaj_kz', material: '经办人身份证' }, { matterCode: 'tax_xe', material: '经办人身份证件' }] },
    ],
    form: businessForm,
  },
  {
    // 个体工商户 are registered by the 沙坡头区 bureau, which the city 市场监管局 guides (its line): the
    // city bureau leads, and its back office holds the tax office
    code: 'open-sole-trader', nameZh: '个体工商户开业', nameEn: 'Open a sole-trader business', lead: 'scj', promisedDays: 5,
    members: ['spt_gt', 'scj_sp', 'tax_fp'],
    sameAs: [],
    form: [...businessForm, { key: 'operatorName', label: '经营者姓名', required: true }],
  },
];

/** Published as the system; a bundle already there (perhaps edited since) is left as it is. */
export async function seedBundles(db: Connection): Promise<number> {
  const { definitions } = bundleModels(db);
  const matters = catalogModels(db).matters;
  let created = 0;
  for (const s of seededBundles) {
    if (await definitions.exists({ code: s.code })) continue;
    const found = await matters.find({ code: mongoose.trusted({ $in: s.members }) }).lean<Matter[]>();
    const members = s.members.map((code) => found.find((m) => m.code === code)!);
    await definitions.create({
      code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, leadDepartmentCode: s.lead,
      members: members.map((m) => ({ matterCode: m.code, matterName: m.nameZh, departmentCode: m.departmentCode })),
      materials: mergeMaterials(members, s.sameAs), form: s.form, promisedDays: s.promisedDays,
      status: 'published', proposedBy: 'system', publishedBy: 'system', publishedAt: new Date(),
    });
    created++;
  }
  return created;
}

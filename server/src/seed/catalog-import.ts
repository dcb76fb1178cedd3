import { keyOf, processTemplates, resultKinds, windowCategories, type Department, type HallWindow, type LimitUnit, type Matter, type Office, type ProcessTemplate, type Zone } from '../catalog/index.ts';
import matterData from './data/matters.json' with { type: 'json' };
import hallData from './data/zhongwei.json' with { type: 'json' };

/**
 * Pure mapping from the plan's data files (copied from shared/data) to catalogue documents.
 * Chinese labels become the English enum values of catalog/vocabulary.ts.
 */
type RawMatter = (typeof matterData.matters)[number] & Record<string, unknown>;

/** BPMN process id of each process template (workflows/<id>.bpmn). */
export const processIdOfTemplate: Record<ProcessTemplate, string> = {
  immediate: 'immediate-matter',
  singleDepartment: 'single-department-approval',
  parallelApproval: 'parallel-approval',
  jointDrawingReview: 'joint-drawing-review',
};

const templateOfRaw: Record<string, ProcessTemplate> = {
  immediate: 'immediate',
  single_department: 'singleDepartment',
  multi_department_parallel: 'parallelApproval',
  joint_drawing_review: 'jointDrawingReview',
};

const unitOfRaw: Record<string, LimitUnit> = { 工作日: 'workingDays', 日: 'days', 即办: 'immediate' };

const officeCodeOfName = new Map(hallData.back_office_offices.map((o) => [o.zh, o.id]));

/** Department code = the matter-id prefix the catalogue already uses (fgw_…, zjj_…). */
export function departments(): Department[] {
  const byName = new Map<string, Department>();
  for (const m of matterData.matters) {
    const name = m.department.zh;
    const dept = byName.get(name) ?? { code: m.id.split('_')[0], nameZh: name, nameEn: m.department.en, officeCodes: [] };
    const office = m.department.back_office ? officeCodeOfName.get(m.department.back_office) : undefined;
    if (office && !dept.officeCodes.includes(office)) dept.officeCodes.push(office);
    byName.set(name, dept);
  }
  // Membership named by the plan itself (short names such as 自然资源局) also places a department.
  for (const office of hallData.back_office_offices) {
    for (const member of office.members ?? []) {
      const dept = findDepartment([...byName.values()], member.zh);
      if (dept && !dept.officeCodes.includes(office.id)) dept.officeCodes.push(office.id);
    }
  }
  // A district department (中卫市沙坡头区市场监督管理局) is guided by the city department of its line.
  for (const dept of byName.values()) {
    const line = /^中卫市[^市]+?区(.+)$/.exec(dept.nameZh)?.[1];
    const city = line ? byName.get(`中卫市${line}`) : undefined;
    if (city) dept.guidedBy = city.code;
  }
  return [...byName.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function findDepartment(all: Department[], shortName: string): Department | undefined {
  const core = shortName.replace(/^市/, '').replace('国家税务局', '国家税务总局');
  return all.find((d) => d.nameZh === shortName) ?? all.find((d) => d.nameZh.endsWith(core) || d.nameZh.includes(core) && !d.nameZh.includes('（'));
}

export function offices(): Office[] {
  const all = departments();
  return hallData.back_office_offices.map((o) => ({
    code: o.id,
    nameZh: o.zh,
    nameEn: o.en,
    hasJointDrawingReviewRoom: o.has_joint_drawing_review_room,
    memberDepartmentCodes: o.members
      ? o.members.map((m) => findDepartment(all, m.zh)?.code).filter((c): c is string => Boolean(c))
      : all.filter((d) => d.officeCodes.includes(o.id)).map((d) => d.code),
    membersNote: (o as { members_note_zh?: string }).members_note_zh,
  }));
}

/** 92 windows: 19 comprehensive (the last 2 issue certificates) and 73 by category. */
export function windows(): HallWindow[] {
  const { comprehensive, categorized } = hallData.windows;
  const result: HallWindow[] = [];
  for (let i = 1; i <= comprehensive.count; i++) {
    const issuing = i > comprehensive.count - comprehensive.issuing_windows_included;
    result.push({ number: `C${String(i).padStart(2, '0')}`, group: 'comprehensive', role: issuing ? 'issuing' : 'acceptance', category: 'comprehensive', floor: comprehensive.floor });
  }
  categorized.categories.forEach((c, index) => {
    const category = keyOf(windowCategories, c.zh);
    if (!category) throw new Error(`unknown window category ${c.zh}`);
    for (let i = 1; i <= c.count; i++) {
      result.push({ number: `K${String(index + 1).padStart(2, '0')}-${String(i).padStart(2, '0')}`, group: 'categorized', role: 'acceptance', category });
    }
  });
  return result;
}

export function zones(): Zone[] {
  const slug = (en: string) => en.replace(/[^A-Za-z0-9 ]/g, '').trim().split(/\s+/).map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase())).join('');
  return hallData.functional_zones.zones.map((z) => ({ code: slug(z.en), nameZh: z.zh, nameEn: z.en }));
}

export function matters(): Matter[] {
  const codeOfDepartment = new Map(departments().map((d) => [d.nameZh, d.code]));
  return (matterData.matters as RawMatter[]).map((m) => {
    const template = templateOfRaw[m.process_template];
    const category = keyOf(windowCategories, m.hall_window_category);
    const resultKind = keyOf(resultKinds, m.result.kind);
    if (!template || !category || !resultKind) throw new Error(`matter ${m.id}: unmapped template, window or result kind`);
    const unit = m.legal_limit.unit ? unitOfRaw[m.legal_limit.unit] : m.legal_limit.value ? 'workingDays' : 'immediate';
    return {
      code: m.id,
      basicCode: m.code.basic_code,
      implementationCode: m.code.implementation_code,
      implementingBodyUscc: m.code.implementing_body_uscc,
      nameZh: m.name_zh,
      nameEn: m.name_en,
      departmentCode: codeOfDepartment.get(m.department.zh)!,
      windowCategory: category,
      typeCode: m.type.code as Matter['typeCode'],
      handlingType: m.handling_type === '即办件' ? 'immediate' : 'promised',
      legalLimit: { value: m.legal_limit.value ?? 0, unit, note: m.legal_limit.note ?? undefined },
      promisedDays: m.promised_limit_working_days,
      materials: m.materials.map((mt) => ({
        name: mt.name_zh, required: mt.required, pendingAllowed: Boolean(mt.rongque_allowed),
        originals: mt.originals ?? 0, copies: mt.copies ?? 0,
        obtainableBySharing: Boolean((mt as { obtainable_by_data_sharing?: boolean }).obtainable_by_data_sharing),
        note: (mt as { note?: string }).note,
      })),
      commitmentAllowed: Boolean(m.gaozhi_chengnuo),
      fee: { charged: Boolean(m.fee.charged), note: (m.fee as { note?: string }).note },
      result: { name: m.result.name, kind: resultKind, isCertificate: m.result.is_certificate_or_licence },
      processTemplate: template,
      process: { processId: processIdOfTemplate[template] },
      parallelDepartmentCodes: ((m.parallel_with as string[] | undefined) ?? []).map((name) => codeOfDepartment.get(name)).filter((c): c is string => Boolean(c)),
      constructionStage: m.construction_stage ?? undefined,
      keywords: [m.type.zh, processTemplates[template].zh, ...(m.construction_stage ? [m.construction_stage] : [])],
    };
  });
}

import type { Matter } from '../catalog/index.ts';
import type { CertificateLayout } from './certificate.model.ts';

/**
 * The certificate layouts: the rows each kind prints, filled from the application's `project`
 * data (variables of the case's process). One template (templates/certificate) draws them all.
 */
const rowsOf: Record<CertificateLayout, Array<{ label: string; key: string }>> = {
  // 建筑工程施工许可证 (住建部令第18号 附件样式)
  constructionPermit: [
    { label: '建设单位', key: 'builder' }, { label: '工程名称', key: 'projectName' }, { label: '建设地址', key: 'address' },
    { label: '建设规模', key: 'scale' }, { label: '合同价格', key: 'contractPrice' }, { label: '勘察单位', key: 'surveyor' },
    { label: '设计单位', key: 'designer' }, { label: '施工单位', key: 'contractor' }, { label: '监理单位', key: 'supervisor' },
    { label: '合同工期', key: 'duration' },
  ],
  // 建设工程规划许可证 (城乡规划法第四十条)
  planningPermit: [
    { label: '建设单位（个人）', key: 'builder' }, { label: '建设项目名称', key: 'projectName' },
    { label: '建设位置', key: 'address' }, { label: '建设规模', key: 'scale' },
  ],
  licence: [
    { label: '许可事项', key: 'matterName' }, { label: '经营（活动）场所', key: 'address' }, { label: '许可范围', key: 'scope' },
  ],
};

export function layoutOf(matter: Matter): CertificateLayout {
  if (matter.nameZh.includes('施工许可')) return 'constructionPermit';
  if (matter.nameZh.includes('规划许可')) return 'planningPermit';
  return 'licence';
}

export function certificateRows(layout: CertificateLayout, project: Record<string, unknown>, matter: Matter) {
  const values: Record<string, unknown> = { matterName: matter.nameZh, ...project };
  return rowsOf[layout].map((row) => ({ label: row.label, value: typeof values[row.key] === 'string' || typeof values[row.key] === 'number' ? String(values[row.key]) : '—' }));
}

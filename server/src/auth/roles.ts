/** The roles of the hall (see docs/glossary.md). Stored values are English; the UI translates. */
export const roles = [
  'windowClerk',
  'issuingClerk',
  'approver',
  'departmentAdmin',
  'processDesigner',
  'director',
  'hotlineOperator',
  'systemAdmin',
] as const;

export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { zh: string; en: string }> = {
  windowClerk: { zh: '综合窗口受理人员', en: 'Window clerk' },
  issuingClerk: { zh: '出证窗口人员', en: 'Issuing clerk' },
  approver: { zh: '后台审批人员', en: 'Approver' },
  departmentAdmin: { zh: '部门管理员', en: 'Department admin' },
  processDesigner: { zh: '流程设计人员', en: 'Process designer' },
  director: { zh: '局长', en: 'Bureau director' },
  hotlineOperator: { zh: '12345 话务员', en: 'Hotline operator' },
  systemAdmin: { zh: '系统管理员', en: 'System admin' },
};

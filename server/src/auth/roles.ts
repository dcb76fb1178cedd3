import { roles, type Role } from '../shared/principal.ts';

export { roles, type Role };

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

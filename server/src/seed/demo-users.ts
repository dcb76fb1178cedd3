import type { Role } from '../auth/index.ts';

/**
 * Demo accounts, one per role, for trying the platform. Their password is published in the README:
 * demo only. The seed refuses to create them in production, and production refuses to start while
 * one is active.
 */
export const DEMO_PASSWORD = 'Demo-2026-onewindow';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode?: string;
  servesDepartmentCodes?: string[];
  windowNumber?: string;
}

export const demoUsers: DemoUser[] = [
  { username: 'clerk', displayName: '综合窗口 王敏', roles: ['windowClerk'], windowNumber: 'C01' },
  { username: 'issuer', displayName: '出证窗口 李娜', roles: ['issuingClerk'], windowNumber: 'C18' },
  { username: 'approver.zjj', displayName: '住建局审批 张强', roles: ['approver'], departmentCode: 'zjj' },
  { username: 'approver.gaj', displayName: '公安局审批 刘洋', roles: ['approver'], departmentCode: 'gaj' },
  { username: 'approver.scj', displayName: '市场监管局审批 陈静', roles: ['approver'], departmentCode: 'scj' },
  { username: 'admin.zjj', displayName: '住建局管理员 赵磊', roles: ['departmentAdmin'], departmentCode: 'zjj' },
  { username: 'designer', displayName: '流程设计 孙丽', roles: ['processDesigner'] },
  { username: 'director', displayName: '审批服务管理局局长 周健', roles: ['director'] },
  { username: 'hotline', displayName: '12345 话务员 吴芳', roles: ['hotlineOperator'] },
  { username: 'sysadmin', displayName: '系统管理员 郑涛', roles: ['systemAdmin'] },
];

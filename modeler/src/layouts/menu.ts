import type { Action, SubjectName } from '@server/authz/vocabulary.ts';

/**
 * The staff menu, one entry per page, with the permission that opens it. The router guard asks the
 * same `can`, so a page missing from someone's menu is also closed to a typed-in address. Later
 * pages (待办 task board, 流程设计, 局长看板) are added here with their own groups.
 */
export interface MenuItem {
  path: string;
  /** i18n key of the label */
  label: string;
  group: 'work' | 'admin';
  can: [Action, SubjectName];
  /** Alt+key opens the page */
  key?: string;
}

export const menu: MenuItem[] = [
  { path: '/desk', label: 'menu.desk', group: 'work', can: ['create', 'Case'], key: '1' },
  // 一件事一次办: received once at a comprehensive window
  { path: '/bundles/desk', label: 'bundle.menu', group: 'work', can: ['create', 'Case'] },
  { path: '/issuing', label: 'menu.issuing', group: 'work', can: ['issue', 'Case'], key: '2' },
  { path: '/cases', label: 'menu.cases', group: 'work', can: ['read', 'Case'], key: '3' },
  // 待办中心: whoever may claim tasks (approvers; the issuing window for its own)
  { path: '/board', label: 'board.menu', group: 'work', can: ['claim', 'Task'], key: '4' },
  // 12345 工单 (issue 18): the operator's form and list
  { path: '/hotline', label: 'hotline.menu', group: 'work', can: ['create', 'HotlineTicket'], key: '5' },
  { path: '/dashboard', label: 'dashboard.menu', group: 'work', can: ['read', 'Report'], key: '9' },
  { path: '/admin/matters', label: 'menu.matters', group: 'admin', can: ['update', 'Matter'] },
  { path: '/admin/delegations', label: 'menu.delegations', group: 'admin', can: ['grant', 'Delegation'] },
  { path: '/admin/users', label: 'menu.users', group: 'admin', can: ['read', 'User'] },
  { path: '/admin/calendar', label: 'menu.calendar', group: 'admin', can: ['update', 'Calendar'] },
  // 流程设计 (issue 14): drafts for department admins, review and publishing for designers
  { path: '/processes/modeler', label: 'design.menu', group: 'admin', can: ['create', 'Process'] },
  { path: '/processes/versions', label: 'design.versions', group: 'admin', can: ['read', 'Process'] },
  // 流程实例迁移: whoever may publish a process may move its running cases
  { path: '/processes/migration', label: 'migration.menu', group: 'admin', can: ['deploy', 'Process'] },
  // 一件事定义 (issue 19): the lead department's admin proposes, the system admin publishes
  { path: '/bundles/definitions', label: 'bundle.def.menuPropose', group: 'admin', can: ['create', 'Bundle'] },
  { path: '/bundles/review', label: 'bundle.def.menuReview', group: 'admin', can: ['deploy', 'Bundle'] },
  // 简易设计 (issue 14): steps in a list for staff who should never see a gateway
  { path: '/processes/simple', label: 'simple.menu', group: 'admin', can: ['create', 'Process'] },
];

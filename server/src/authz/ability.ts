import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { roles, type Principal, type Role } from '../shared/principal.ts';
import { delegatedPowers, type Action, type ActiveDelegation, type AppAbility, type ClerkWindow, type SubjectName } from './vocabulary.ts';

/** The roles a department admin may give their own staff: powers the department's own code bounds. */
export const departmentStaffRoles: readonly Role[] = ['approver', 'processDesigner'];

/**
 * Every CASL rule of the platform, in one place (DESIGN.md "Authority"). Each route and worker asks
 * the ability built here; list queries are filtered by it (`accessibleFilter`), and the same rules,
 * packed, go to the browser.
 *
 * Rules are written on fields (`departmentCode`, `matterCode`, `receivedBy`, `stage`) so that they
 * both answer `can(action, instance)` and turn into a database filter. See vocabulary.ts for the
 * fields each subject carries.
 *
 * Delegated powers (授权) come only from delegations that are active at `now`: not revoked, and
 * `validFrom <= now < validUntil`; a delegation for a department the approver does not serve is
 * ignored. Applicants and principals without a staff role get no rule at all. `context.window` is the
 * window the clerk sits at (`principal.windowNumber`), which decides the matters they receive.
 */
export function defineAbilityFor(principal: Principal, delegations: readonly ActiveDelegation[], now: Date, context: { window?: ClerkWindow } = {}): AppAbility {
  // Conditions are plain Mongo queries on the fields named in vocabulary.ts; the table test, not
  // the type checker, holds them to account (CASL types conditions by class, we have none).
  const builder = new AbilityBuilder<MongoAbility>(createMongoAbility);
  const can = (action: Action | Action[], subject: SubjectName | 'all' | SubjectName[], conditions?: Record<string, unknown>) =>
    builder.can(action, subject, conditions);
  const has = (role: Principal['roles'][number]) => principal.roles.includes(role);
  const ownDept = principal.departmentCode;
  const served = [...new Set([ownDept, ...(principal.servesDepartmentCodes ?? [])].filter((d): d is string => Boolean(d)))];

  if (principal.roles.length > 0) {
    // Any member of staff reads the hall's catalogue and organisation, the working-day calendar
    // (deadlines) and the published process versions (the diagrams on task and dashboard pages).
    can('read', ['Matter', 'Material', 'Department', 'Calendar', 'ProcessVersion']);
  }

  if (has('director')) {
    // 局长: sees every case, task and record of the hall and issues supervision (督办).
    can('read', 'all');
    can('supervise', ['Case', 'Task']);
    can('verify', 'AuditRecord');
    // 督办 orders: issued and raised (reminder → notice → escalation) by the director alone
    can(['create', 'update'], 'Supervision');
  }

  if ((has('windowClerk') || has('issuingClerk')) && principal.windowNumber) {
    // 叫号: a window clerk calls, skips and transfers tickets at their own window only.
    can('handle', 'QueueWindow', { windowNumber: principal.windowNumber });
  }

  if (has('windowClerk')) {
    // 综合窗口: receives any matter; sees the cases (and their documents) they received.
    can('create', ['Case', 'Document']);
    can('read', ['Case', 'Document'], { receivedBy: principal.userId });
    can('update', 'Case', { receivedBy: principal.userId, stage: 'intake' });
    // 收件: a comprehensive acceptance window (综合窗口, 无差别受理) receives every hall matter, a
    // category window only the matters of its own category; an issuing window receives none.
    const window = context.window;
    if (window && window.number === principal.windowNumber && window.role === 'acceptance') {
      if (window.group === 'comprehensive') can('receive', 'Matter');
      else can('receive', 'Matter', { windowCategory: window.category });
    }
  }

  if (has('issuingClerk')) {
    // 出证窗口: prepares and hands over certificates of cases at the issuing stage (统一出件).
    can('read', ['Case', 'Document'], { stage: { $in: ['issuing', 'closed'] } });
    can('issue', 'Case', { stage: 'issuing' });
    can('create', 'Document', { stage: 'issuing' });
    can(['read', 'claim', 'handle'], 'Task', { candidateGroups: 'issuingClerk' });
  }

  if (has('approver') && served.length > 0) {
    // 后台审批: works on the cases and tasks of the departments they serve.
    const inServed = { departmentCode: { $in: served } };
    can('read', ['Case', 'Document'], inServed);
    can(['read', 'claim', 'handle'], 'Task', inServed);
    can('create', 'Document', inServed);
    can('read', 'Delegation', { granteeId: principal.userId });
    // 督办 orders on the departments they serve show on their board (read only; the head replies)
    can('read', 'Supervision', inServed);
    for (const delegation of delegations) {
      if (!isActive(delegation, now) || !served.includes(delegation.departmentCode)) continue;
      const scope = delegation.allMatters
        ? { departmentCode: delegation.departmentCode }
        : { departmentCode: delegation.departmentCode, matterCode: { $in: delegation.matterCodes } };
      // 中卫一窗通办方案 §三(二): back-office staff exercise the department's decision,
      // coordination, review-and-report and seal powers only as delegated — the decision stays the
      // department's (the implementing body on the document), so a power counts only for the
      // matters and dates its delegation names.
      const powers = delegation.powers.filter((p) => (delegatedPowers as readonly string[]).includes(p));
      if (powers.length > 0) can(powers, ['Case', 'Task'], scope);
    }
  }

  if (has('departmentAdmin') && ownDept) {
    // 部门管理员: keeps the own department's matters, material lists and delegations.
    can(['create', 'update', 'delete'], ['Matter', 'Material'], { departmentCode: ownDept });
    can(['read', 'grant', 'revoke'], 'Delegation', { departmentCode: ownDept });
    // Their own staff and the approvers seconded to serve the department (candidates for 授权).
    can('read', 'User', { departmentCode: ownDept });
    can('read', 'User', { servesDepartmentCodes: ownDept });
    // They staff the own department (create, change roles, deactivate) with the roles whose power
    // the department bounds (approver, designer of its processes) — never the hall's window and
    // hotline roles, nor those that rule others (admin, director, system admin) — and second no one
    // to another department.
    can(['create', 'update'], 'User', { departmentCode: ownDept });
    builder.cannot(['create', 'update'], 'User', { roles: { $in: roles.filter((r) => !departmentStaffRoles.includes(r)) } });
    builder.cannot(['create', 'update'], 'User', { servesDepartmentCodes: { $elemMatch: { $ne: ownDept } } });
    can('read', 'AuditRecord', { departmentCode: ownDept });
    // the supervisors' registers (seal uses, certificates, deadlines, 督办) of the own department
    can('read', 'Register', { departmentCode: ownDept });
    // the processes of the own department's matters: drafts them and submits them for review; a
    // second admin of the department reviews and publishes them (never the author, below)
    can(['read', 'create', 'update', 'submit', 'deploy'], 'Process', { departmentCode: ownDept });
    // 部门负责人: the own department's figures (analytics/) and its 督办 orders, which they answer
    // with the department's written reply (监督 stays with the director, docs/analytics.md)
    can('read', ['Report', 'Supervision'], { departmentCode: ownDept });
    can('reply', 'Supervision', { departmentCode: ownDept });
  }

  if (has('processDesigner')) {
    // 业务人员: draws and publishes BPMN versions — a hall-wide designer any process, a designer of
    // a department only that department's (process ids `<department>-…`).
    // Only designers deploy a file directly (POST /api/processes, and the shipped workflows at
    // start-up) without a draft and a reviewer.
    can('read', 'Process');
    if (ownDept) can(['create', 'update', 'submit', 'deploy', 'deployWithoutReview'], 'Process', { departmentCode: ownDept });
    else can(['create', 'update', 'submit', 'deploy', 'deployWithoutReview'], 'Process');
  }

  // Four eyes on every process change: whoever wrote a draft does not publish it (the system admin,
  // below, may). Only for someone who may publish at all: a user without roles has no rules.
  if (builder.rules.some((rule) => rule.action === 'deploy' || (Array.isArray(rule.action) && rule.action.includes('deploy')))) {
    builder.cannot('deploy', 'Process', { authorId: principal.userId });
  }

  if (has('hotlineOperator')) {
    // 12345: records, dispatches and calls back on hotline tickets.
    can(['read', 'create', 'update', 'dispatch'], 'HotlineTicket');
  }

  // 12345 work orders and 好差评 (issue 18, docs/hotline.md): the operator handles the hotline's own
  // steps on the board (退单/延期审核, 回访) and records call-back ratings; the director reviews a
  // department's 申诉 against a bad rating; departments read the orders they lead or co-handle and
  // the ratings of their own service (谁办理、谁负责).
  if (has('hotlineOperator')) {
    can(['read', 'claim', 'handle'], 'Task', { candidateGroups: 'hotlineOperator' });
    can(['read', 'create'], 'Rating');
  }
  if (has('director')) can(['read', 'claim', 'handle'], 'Task', { candidateGroups: 'director' });
  if (has('approver') && served.length > 0) {
    can('read', 'HotlineTicket', { departmentCode: { $in: served } });
    can('read', 'HotlineTicket', { coHandlers: { $in: served } });
    can('read', 'Rating', { departmentCode: { $in: served } });
  }
  if (has('departmentAdmin') && ownDept) can('read', ['HotlineTicket', 'Rating'], { departmentCode: ownDept });

  if (has('systemAdmin')) {
    // 系统管理员: users and the calendar overlay; the audit trail, but never case contents.
    can('manage', ['User', 'Calendar']);
    can(['read', 'verify'], 'AuditRecord');
    // the supervisors' registers, which name cases and documents but show no case contents
    can('read', 'Register');
    // Engine incidents (a stuck step): seen and resolved by the one who runs the platform.
    can(['read', 'resolve'], 'Incident');
    // Publishes any process, its own drafts included (the hall's last resort).
    can(['read', 'create', 'update', 'submit', 'deploy'], 'Process');
    // 停止/恢复取号 of a queue (the director reads the queue figures with everything else)
    can('update', 'Queue');
  }

  // 一件事一次办 (bundles/): the lead department's admin proposes, the system admin publishes; the
  // desk reads published definitions and the bundles it received; 统一出件 issues a decided bundle.
  if (principal.roles.length > 0) can('read', 'Bundle', { status: 'published' });
  if (has('departmentAdmin') && ownDept) can(['read', 'create'], 'Bundle', { leadDepartmentCode: ownDept });
  if (has('systemAdmin')) can(['read', 'deploy'], 'Bundle', { status: { $in: ['proposed', 'published'] } });
  if (has('windowClerk')) can('read', 'Bundle', { receivedBy: principal.userId });
  if (has('issuingClerk')) {
    can('read', 'Bundle', { stage: { $in: ['issuing', 'closed'] } });
    can('issue', 'Bundle', { stage: 'issuing' });
  }

  return builder.build() as AppAbility;
}

/** A delegation counts from `validFrom` (inclusive) to `validUntil` (exclusive) unless revoked. */
export function isActive(delegation: Pick<ActiveDelegation, 'validFrom' | 'validUntil' | 'revokedAt'>, now: Date): boolean {
  if (delegation.revokedAt) return false;
  return delegation.validFrom.getTime() <= now.getTime() && now.getTime() < delegation.validUntil.getTime();
}

import { subject as asSubject } from '@casl/ability';
import { accessibleBy } from '@casl/mongoose';
import mongoose from 'mongoose';
import { problem } from '../shared/errors.ts';
import { AuthorityRefused } from './refusals.ts';
import type { Action, AppAbility, SubjectName, SubjectRecord } from './vocabulary.ts';

/** Tags a plain record with its subject type so CASL can match field conditions against it. */
export function subjectOf(type: SubjectName, record: object): SubjectRecord {
  return asSubject(type, { ...record }) as SubjectRecord;
}

/**
 * Throws a 403 AppError (code FORBIDDEN) unless the ability allows `action` on `target` — a subject
 * type (may the user do this to some X?) or a record tagged with `subjectOf` (to this X?).
 */
export function assertCan(ability: AppAbility, action: Action, target: SubjectName | SubjectRecord): void {
  if (ability.can(action, target)) return;
  const type = typeof target === 'string' ? target : (target as { __caslSubjectType__?: string }).__caslSubjectType__ ?? 'record';
  const field = (name: string) => (typeof target === 'object' && typeof target[name] === 'string' ? target[name] as string : undefined);
  throw new AuthorityRefused(problem('FORBIDDEN', {
    params: { act: { action, subject: type, actionZh: actionZh[action] ?? action, subjectZh: subjectZh[type as SubjectName] ?? type } },
  }), { action, subjectType: type, departmentCode: field('departmentCode'), matterCode: field('matterCode') });
}

const nothing = () => ({ _id: mongoose.trusted({ $in: [] }) });

/**
 * A mongoose filter for the records of `type` on which the ability allows `action`; combine it
 * with other conditions through `$and`, never by spreading.
 *
 * Why not `accessibleBy(...).ofType(...)` straight into mongoose: (1) with `sanitizeFilter` on,
 * mongoose rewrites every operator object (`{ $in: […] }`) into an equality unless it is marked
 * trusted — these come from our rules, not from the request, so they are marked here; (2) when
 * nothing is allowed @casl/mongoose answers `{ $expr: { $eq: [0, 1] } }`, which sanitizeFilter
 * refuses and FerretDB 1.24 does not implement ("$eq is not implemented yet" inside `$expr`);
 * `{ _id: { $in: [] } }` matches nothing on both databases. The other shapes it produces
 * (`$or`, `$and`, `$nor`, `$in`) were checked against FerretDB in accessible.test.ts.
 */
export function accessibleFilter(ability: AppAbility, action: Action, type: SubjectName): Record<string, unknown> {
  const query = accessibleBy(ability, action).ofType(type) as Record<string, unknown>;
  if ('$expr' in query) return nothing();
  return trustOperators(structuredClone(query)) as Record<string, unknown>;
}

function trustOperators(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(trustOperators);
    return value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(record)) {
    trustOperators(inner);
    if (!key.startsWith('$') && inner && typeof inner === 'object' && Object.keys(inner).some((k) => k.startsWith('$'))) {
      record[key] = mongoose.trusted(inner);
    }
  }
  return record;
}

const subjectZh: Partial<Record<SubjectName, string>> = {
  Case: '办件', Task: '任务', Matter: '事项', Material: '申请材料', Department: '部门', Delegation: '授权',
  Document: '文书', Process: '流程', User: '用户', AuditRecord: '审计记录', Calendar: '工作日历', HotlineTicket: '12345 工单', Rating: '好差评', Register: '登记簿', Queue: '排队叫号', QueueWindow: '窗口叫号',
  Report: '统计报表', Supervision: '督办', ProcessVersion: '流程版本',
};

const actionZh: Partial<Record<Action, string>> = {
  read: '查看', receive: '收件', create: '新建', update: '修改', delete: '删除', handle: '办理', claim: '签收', decide: '审批决定',
  coordinate: '组织协调', reviewAndReport: '审核上报', useSeal: '加盖行政审批专用章', supervise: '督办', issue: '发证',
  submit: '提交审核', deploy: '发布', deployWithoutReview: '不经审核直接发布', grant: '授权', revoke: '撤销', verify: '校验', dispatch: '派单', manage: '管理', reply: '答复',
};

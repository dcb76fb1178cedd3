import { z } from 'zod';
import { accessibleFilter, assertCan, type Authority } from '../authz/index.ts';
import { paging, queryObject, type Api } from '../shared/http.ts';
import { auditModel } from './model.ts';
import type { AuditTrail } from './trail.ts';
import type { Connection } from 'mongoose';

const listQuery = queryObject({
  action: z.string().regex(/^[a-zA-Z.]+$/).max(64).optional(),
  subjectType: z.string().regex(/^[A-Za-z]+$/).max(32).optional(),
  subjectId: z.string().min(1).max(64).optional(),
  ...paging,
});

/** Reading the audit trail (filtered by the ability) and verifying its hash chain. */
export function auditRoutes(api: Api, deps: { db: Connection; trail: AuditTrail; authority: Authority }): void {
  const records = auditModel(deps.db);

  api.add({
    method: 'get', path: '/api/audit', tag: 'audit', access: 'user', ask: ['read', 'AuditRecord'],
    summary: 'Audit records the user may read, newest first (department admins: their department)',
    query: listQuery,
    handler: async ({ req, query }) => {
      const ability = await deps.authority.abilityOf(req);
      assertCan(ability, 'read', 'AuditRecord');
      const wanted: Record<string, unknown> = {};
      if (query.action) wanted.action = query.action;
      if (query.subjectType) wanted['subject.type'] = query.subjectType;
      if (query.subjectId) wanted['subject.id'] = query.subjectId;
      const filter = { $and: [accessibleFilter(ability, 'read', 'AuditRecord'), wanted] };
      const [items, total] = await Promise.all([
        records.find(filter, { _id: 0 }).sort({ seq: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
        records.countDocuments(filter),
      ]);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  });

  api.add({
    method: 'get', path: '/api/audit/verify', tag: 'audit', access: 'user', ask: ['verify', 'AuditRecord'],
    summary: 'Recomputes the SHA-256 chain of the whole audit trail and reports the first broken link',
    query: queryObject({}),
    handler: async ({ req }) => {
      assertCan(await deps.authority.abilityOf(req), 'verify', 'AuditRecord');
      return deps.trail.verify();
    },
  });
}

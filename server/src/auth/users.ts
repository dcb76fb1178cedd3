import mongoose, { type Connection } from 'mongoose';
import { z } from 'zod';
import { accessibleFilter, assertCan, subjectOf, type Authority } from '../authz/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import { paging, queryObject, type Api } from '../shared/http.ts';
import { principalOf } from './authenticate.ts';
import { hashPassword } from './passwords.ts';
import { roleNames, roles } from './roles.ts';
import { code, createBody, objectId, updateBody } from './user.schema.ts';
import type { RevokedSessions } from './revocations.ts';
import { sessionService, type AuditSink } from './sessions.ts';
import { userModel, type User } from './user.model.ts';

const listQuery = queryObject({ departmentCode: code.optional(), role: z.enum(roles).optional(), ...paging });

type Stored = Omit<User, 'passwordHash'> & { _id: unknown };
const view = (u: Stored) => ({
  id: String(u._id), username: u.username, displayName: u.displayName, roles: u.roles.map((role) => ({ role, name: roleNames[role] })),
  departmentCode: u.departmentCode ?? null, servesDepartmentCodes: u.servesDepartmentCodes ?? [], windowNumber: u.windowNumber ?? null, active: u.active,
});

/**
 * Users, roles, departments and windows. The system admin creates and edits accounts; department
 * admins read their department's staff and the approvers serving it (to choose grantees of 授权), and
 * create, re-role and deactivate their own staff with staff roles (authz/ability.ts).
 * Every change is audited. Deactivating a user, or changing their roles, departments or window,
 * revokes their sessions: refresh and access tokens
 * are refused from the next request on.
 */
const AUTHORITY_FIELDS = ['roles', 'departmentCode', 'servesDepartmentCodes', 'windowNumber'] as const;
const normalised = (v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : v ?? null);

/** Whether a change touches what an access token says about the user's authority. */
function authorityChanged(existing: Record<string, unknown>, change: Record<string, unknown>): boolean {
  return AUTHORITY_FIELDS.some((f) => change[f] !== undefined && normalised(change[f]) !== normalised(existing[f]));
}

export function userRoutes(api: Api, deps: { db: Connection; authority: Authority; audit: AuditSink; revoked?: RevokedSessions }): void {
  const users = userModel(deps.db);
  const sessions = sessionService({ db: deps.db, audit: deps.audit, revoked: deps.revoked });
  const actorOf = (req: Parameters<typeof principalOf>[0]) => ({ userId: principalOf(req).userId, username: principalOf(req).username });

  api.add({
    method: 'get', path: '/api/users', tag: 'users', access: 'user', ask: ['read', 'User'],
    summary: 'Users the caller may read (system admin and director: all; department admin: own department and the approvers serving it)',
    query: listQuery,
    handler: async ({ req, query }) => {
      const ability = await deps.authority.abilityOf(req);
      const wanted: Record<string, unknown> = {};
      if (query.departmentCode) wanted.$or = [{ departmentCode: query.departmentCode }, { servesDepartmentCodes: query.departmentCode }];
      if (query.role) wanted.roles = query.role;
      const filter = { $and: [accessibleFilter(ability, 'read', 'User'), wanted] };
      const [items, total] = await Promise.all([
        users.find(filter, { passwordHash: 0 }).sort({ username: 1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
        users.countDocuments(filter),
      ]);
      return { items: items.map((u) => view(u as Stored)), total, page: query.page, pageSize: query.pageSize };
    },
  });

  api.add({
    method: 'post', path: '/api/users', tag: 'users', access: 'user', ask: ['create', 'User'], status: 201,
    summary: 'Create a user with roles, department, departments served and window (system admin; a department admin: own department, staff roles); audited',
    body: createBody,
    handler: async ({ req, body }) => {
      const { password, ...fields } = body;
      const record = { ...fields, departmentCode: fields.departmentCode ?? undefined, windowNumber: fields.windowNumber ?? undefined, servesDepartmentCodes: fields.servesDepartmentCodes ?? [] };
      assertCan(await deps.authority.abilityOf(req), 'create', subjectOf('User', record));
      if (await users.exists({ username: body.username })) throw problem('USERNAME_TAKEN');
      const _id = new mongoose.Types.ObjectId();
      await deps.audit.append({ actor: actorOf(req), action: 'user.create', subject: { type: 'User', id: String(_id) }, departmentCode: record.departmentCode ?? null, data: { ...record } });
      const created = await users.create({ _id, ...record, passwordHash: await hashPassword(password), active: true, demo: false });
      return view(created.toObject() as Stored);
    },
  });

  api.add({
    method: 'patch', path: '/api/users/:id', tag: 'users', access: 'user', ask: ['update', 'User'],
    summary: 'Change a user\'s name, roles, department, departments served, window or active flag (system admin; a department admin: own staff, staff roles); audited',
    params: z.strictObject({ id: objectId }), body: updateBody,
    handler: async ({ req, params, body }) => {
      const ability = await deps.authority.abilityOf(req);
      const existing = await users.findOne({ $and: [{ _id: params.id }, accessibleFilter(ability, 'read', 'User')] }, { passwordHash: 0 }).lean();
      if (!existing) throw notFound('user');
      assertCan(ability, 'update', subjectOf('User', existing));
      // …and the user as the change leaves them (a department admin may not move staff out or raise their roles).
      const after = Object.fromEntries(Object.entries({ ...existing, ...body }).filter(([, v]) => v !== null && v !== undefined));
      assertCan(ability, 'update', subjectOf('User', after));
      const me = principalOf(req).userId === params.id;
      if (me && (body.active === false || (body.roles && !body.roles.includes('systemAdmin') && existing.roles.includes('systemAdmin')))) {
        throw problem('CANNOT_DISARM_SELF');
      }
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(body)) {
        if (value === null) unset[key] = 1;
        else if (value !== undefined) set[key] = value;
      }
      await deps.audit.append({
        actor: actorOf(req), action: 'user.update', subject: { type: 'User', id: params.id }, departmentCode: existing.departmentCode ?? null,
        data: { before: view(existing as Stored), change: body },
      });
      await users.updateOne({ _id: params.id }, { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      // The token carries roles, departments and window: when they change, the user signs in again.
      if (body.active === false) await sessions.endAllOf(params.id, 'userInactive');
      else if (authorityChanged(existing, body)) await sessions.endAllOf(params.id, 'authorityChanged');
      return view((await users.findById(params.id, { passwordHash: 0 }).lean()) as Stored);
    },
  });
}

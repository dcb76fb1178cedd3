import { z } from 'zod';
import { roles } from './roles.ts';

// The bodies of POST /api/users and PATCH /api/users/:id, in a module of their own so the web app's
// user form validates with them too (it must not import the route's server-only modules).
export const code = z.string().regex(/^[a-z0-9_]+$/).max(32);
export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'an id of 24 hex digits');
const editable = {
  displayName: z.string().trim().min(1).max(64),
  roles: z.array(z.enum(roles)).min(1).max(roles.length).refine((r) => new Set(r).size === r.length, 'each role once'),
  departmentCode: code.nullable().optional(),
  servesDepartmentCodes: z.array(code).max(20).optional(),
  windowNumber: z.string().regex(/^[A-Z0-9]+$/).max(8).nullable().optional(),
};
export const createBody = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]+$/, '小写字母、数字、. _ - / lower-case letters, digits, . _ -').min(2).max(64),
  password: z.string().min(12, '至少 12 个字符 / at least 12 characters').max(256),
  ...editable,
});
export const updateBody = z.strictObject({
  displayName: editable.displayName.optional(), roles: editable.roles.optional(), departmentCode: editable.departmentCode,
  servesDepartmentCodes: editable.servesDepartmentCodes, windowNumber: editable.windowNumber, active: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, 'nothing to change');

import { problem } from './errors.ts';

/**
 * Who is asking: the signed-in user as the access token carries them. Lives in shared/ because both
 * auth/ (which signs and verifies it) and authz/ (which builds the ability from it) need it, and
 * auth/ asks authz/ in its user routes: neither imports the other for it.
 */

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

export interface Principal {
  userId: string;
  username: string;
  roles: Role[];
  departmentCode?: string;
  /** Departments an approver serves besides their own (read by the ability). */
  servesDepartmentCodes?: string[];
  windowNumber?: string;
  /** The sign-in (refresh-token family) the access token belongs to: claim `sid`; sign-out revokes it. */
  sessionId?: string;
  /** When the access token runs out (ms since the epoch; claim `exp`): the task stream ends then. */
  expiresAt?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** The verified principal of a request (set by auth's `authenticate`); throws 401 when signed out. */
export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw problem('UNAUTHENTICATED');
  return req.principal;
}

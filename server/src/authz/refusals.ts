import type { ErrorRequestHandler } from 'express';
import type { AuditTrail } from '../audit/index.ts';
import type { Principal } from '../shared/principal.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';

/** What an authority check knew about the record it refused (set by `assertCan`). */
export interface RefusedUse {
  action: string;
  subjectType: string;
  departmentCode?: string;
  matterCode?: string;
}

/** A 403 from an authority check, carrying what was refused so that the trail can name it. */
export class AuthorityRefused extends AppError {
  constructor(refusal: AppError, readonly refused: RefusedUse) {
    super({ status: refusal.status, code: refusal.code, zh: refusal.zh, en: refusal.message, fields: refusal.fields });
  }
}

/**
 * Writes every refused use of authority — any 403 answered to a signed-in user: deciding or
 * sealing without the delegated power, acting on another department's records, publishing out of
 * scope — to the audit trail (`authority.refused`) before the refusal is answered, so supervisors
 * see attempts as well as uses. The department is that of the record refused when the check knew
 * it, else the user's own. A trail that cannot be written is logged; the refusal still stands.
 */
export function auditRefusals(trail: AuditTrail, logger: Logger): ErrorRequestHandler {
  return async (error, req, _res, next) => {
    const principal = (req as { principal?: Principal }).principal;
    if (!(error instanceof AppError) || error.status !== 403 || !principal) return next(error);
    await recordRefusal(trail, logger, principal, error, { method: req.method, path: req.originalUrl.split('?')[0] });
    next(error);
  };
}

/**
 * Writes one refused use to the trail (`authority.refused`). Also for a refusal answered inside a
 * response that goes on (批量签收 answers each task on its own): `path` then names the item.
 */
export async function recordRefusal(trail: AuditTrail, logger: Logger | undefined, principal: Principal, error: AppError, at: { method: string; path: string }): Promise<void> {
  const refused = error instanceof AuthorityRefused ? error.refused : undefined;
  try {
    await trail.append({
      actor: { userId: principal.userId, username: principal.username },
      action: 'authority.refused',
      subject: { type: refused?.subjectType ?? 'Request', id: at.path },
      departmentCode: refused?.departmentCode ?? principal.departmentCode ?? null,
      data: {
        code: error.code, method: at.method, path: at.path, roles: principal.roles,
        ...(refused ? { action: refused.action, matterCode: refused.matterCode } : {}),
      },
    });
  } catch (err) {
    logger?.error({ err, code: error.code, path: at.path }, 'refused use of authority not written to the audit trail');
  }
}

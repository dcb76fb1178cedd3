import mongoose, { type Connection } from 'mongoose';
import type { AuditTrail } from '../audit/index.ts';
import { userModel, type Principal } from '../auth/index.ts';
import { accessibleFilter, assertCan, isActive, subjectOf, type ActiveDelegation, type AppAbility, type DelegatedPower } from '../authz/index.ts';
import { catalogModels } from '../catalog/index.ts';
import { notFound, problem, validationFailed } from '../shared/errors.ts';
import { chinaToday, delegationModel, delegationRevocationModel, startOfChinaDay, type Delegation } from './model.ts';
import type { GrantBody, ListQuery } from './schemas.ts';
import { delegationCacheOf } from './active-cache.ts';

const day = 86_400_000;
const trusted = <T extends object>(query: T) => mongoose.trusted(query) as T;

export interface DelegationDeps {
  db: Connection;
  trail: AuditTrail;
  clock?: () => Date;
}

/**
 * Delegations (授权): grant, revoke, list, and the active set the ability is built from. Every
 * change is written to the audit trail. Throws AppError 403 (ability), 404, 409 (already revoked)
 * and 422 (grantee not an approver of the department, matter not of the department).
 */
export function delegationService(deps: DelegationDeps) {
  const delegations = delegationModel(deps.db);
  const revocations = delegationRevocationModel(deps.db);
  const users = userModel(deps.db);
  const { matters } = catalogModels(deps.db);
  const clock = deps.clock ?? (() => new Date());
  const cache = delegationCacheOf(deps.db);
  const actorOf = (p: Principal) => ({ userId: p.userId, username: p.username });

  function view(d: Delegation, now = clock()) {
    return {
      id: String(d._id), departmentCode: d.departmentCode,
      grantee: { id: d.granteeId, username: d.granteeUsername },
      powers: d.powers, scope: d.allMatters ? { allMatters: true } : { matterCodes: d.matterCodes },
      validFrom: d.validFromDate, validTo: d.validToDate, note: d.note,
      grantedBy: d.grantedBy, grantedAt: d.grantedAt,
      revoked: d.revokedAt ? { at: d.revokedAt, by: d.revokedBy, reason: d.revokeReason } : null,
      active: isActive(d, now),
    };
  }

  const inForce = (now: Date) => ({ revokedAt: null, validFrom: trusted({ $lte: now }), validUntil: trusted({ $gt: now }) });

  return {
    view,

    /** The delegations of a user that are in force at `now` (the ability's input). */
    async activeFor(userId: string, now: Date): Promise<ActiveDelegation[]> {
      const unrevoked = await cache.get(userId, async () => {
        const candidates = await delegations.find({ granteeId: userId, revokedAt: null }).lean();
        if (candidates.length === 0) return [];
        const revoked = new Set((await revocations.find({ delegationId: trusted({ $in: candidates.map((d) => String(d._id)) }) }, { delegationId: 1 }).lean()).map((r) => r.delegationId));
        return candidates.filter((d) => !revoked.has(String(d._id))).map((d) => ({
          id: String(d._id), departmentCode: d.departmentCode, powers: d.powers, allMatters: d.allMatters,
          matterCodes: d.matterCodes, validFrom: d.validFrom, validUntil: d.validUntil, revokedAt: d.revokedAt,
        }));
      });
      return unrevoked.filter((d) => isActive(d, now));
    },

    /**
     * The delegation that gives `userId` a power over a matter at `now`, for the record of its use
     * (the seal log names the delegation it was applied under); undefined when none does. The
     * ability decides whether the act is allowed; this only names the grant behind it.
     */
    async covering(userId: string, power: DelegatedPower, target: { departmentCode: string; matterCode: string }, now: Date): Promise<ActiveDelegation | undefined> {
      const active = await this.activeFor(userId, now);
      return active
        .filter((d) => d.powers.includes(power) && d.departmentCode === target.departmentCode && (d.allMatters || d.matterCodes.includes(target.matterCode)))
        .sort((a, b) => a.validUntil.getTime() - b.validUntil.getTime())[0];
    },

    async list(ability: AppAbility, query: ListQuery) {
      const now = clock();
      const wanted: Record<string, unknown> = {};
      if (query.granteeId) wanted.granteeId = query.granteeId;
      if (query.departmentCode) wanted.departmentCode = query.departmentCode;
      const activity = query.active === 'true' ? inForce(now)
        : query.active === 'false' ? { $or: [{ revokedAt: trusted({ $ne: null }) }, { validFrom: trusted({ $gt: now }) }, { validUntil: trusted({ $lte: now }) }] }
          : {};
      const filter = { $and: [accessibleFilter(ability, 'read', 'Delegation'), wanted, activity] };
      const [items, total] = await Promise.all([
        delegations.find(filter).sort({ grantedAt: -1, _id: -1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
        delegations.countDocuments(filter),
      ]);
      return { items: items.map((d) => view(d, now)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(ability: AppAbility, id: string) {
      const found = await delegations.findOne({ $and: [{ _id: id }, accessibleFilter(ability, 'read', 'Delegation')] }).lean();
      if (!found) throw notFound('delegation');
      return found;
    },

    async grant(principal: Principal, ability: AppAbility, body: GrantBody) {
      const departmentCode = body.departmentCode ?? principal.departmentCode;
      if (!departmentCode) throw validationFailed([{ field: 'body.departmentCode', message: 'required: you belong to no department' }]);
      assertCan(ability, 'grant', subjectOf('Delegation', { departmentCode }));
      const now = clock();
      if (body.validTo < chinaToday(now)) throw validationFailed([{ field: 'body.validTo', message: 'already past' }]);

      const grantee = await users.findById(body.granteeId).lean();
      const serves = grantee && (grantee.departmentCode === departmentCode || grantee.servesDepartmentCodes.includes(departmentCode));
      if (!grantee || !grantee.active || !grantee.roles.includes('approver') || !serves) {
        throw problem('GRANTEE_NOT_APPROVER_OF_DEPARTMENT', { fields: [{ field: 'body.granteeId', message: 'not an active approver of the department' }] });
      }
      const matterCodes = 'matterCodes' in body.scope ? body.scope.matterCodes : [];
      if (matterCodes.length > 0) {
        const owned = await matters.find({ code: trusted({ $in: matterCodes }), $or: [{ departmentCode }, { parallelDepartmentCodes: departmentCode }] }, { code: 1 }).lean();
        const known = new Set(owned.map((m) => m.code));
        const foreign = matterCodes.filter((c) => !known.has(c));
        if (foreign.length > 0) {
          throw problem('MATTER_NOT_OF_DEPARTMENT', {
            params: { matters: foreign },
            fields: foreign.map((c) => ({ field: 'body.scope.matterCodes', message: `${c}: not a matter of ${departmentCode}` })),
          });
        }
      }
      const record: Delegation = {
        _id: new mongoose.Types.ObjectId(), departmentCode, granteeId: String(grantee._id), granteeUsername: grantee.username,
        powers: body.powers, allMatters: 'allMatters' in body.scope, matterCodes,
        validFromDate: body.validFrom, validToDate: body.validTo,
        validFrom: startOfChinaDay(body.validFrom), validUntil: new Date(startOfChinaDay(body.validTo).getTime() + day),
        note: body.note, grantedBy: actorOf(principal), grantedAt: now, revokedAt: null, version: 1,
      };
      // Audit first: should the insert then fail, the trail shows an intent without a power — never a
      // power without its trace.
      await deps.trail.append({ actor: actorOf(principal), action: 'delegation.grant', subject: { type: 'Delegation', id: String(record._id) }, departmentCode, data: view(record, now) });
      await delegations.create(record);
      cache.changed(record.granteeId);
      return view(record, now);
    },

    async revoke(principal: Principal, ability: AppAbility, id: string, reason: string) {
      const existing = await this.get(ability, id);
      assertCan(ability, 'revoke', subjectOf('Delegation', existing));
      const now = clock();
      const alreadyRevoked = () => problem('DELEGATION_ALREADY_REVOKED');
      if (existing.revokedAt) throw alreadyRevoked();
      await revocations.init();
      try {
        await revocations.create({ delegationId: id, at: now, by: actorOf(principal), reason });
      } catch (error) {
        if ((error as { code?: number }).code === 11000) throw alreadyRevoked();
        throw error;
      } finally {
        cache.changed(existing.granteeId);
      }
      await delegations.updateOne({ _id: existing._id }, { $set: { revokedAt: now, revokedBy: actorOf(principal), revokeReason: reason }, $inc: { version: 1 } });
      await deps.trail.append({
        actor: actorOf(principal), action: 'delegation.revoke', subject: { type: 'Delegation', id },
        departmentCode: existing.departmentCode, data: { reason, granteeId: existing.granteeId, powers: existing.powers },
      });
      return view({ ...existing, revokedAt: now, revokedBy: actorOf(principal), revokeReason: reason }, now);
    },
  };
}

export type DelegationService = ReturnType<typeof delegationService>;

import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { delegatedPowers, type DelegatedPower } from '../authz/index.ts';

/**
 * 授权: a department's grant of powers to one of its back-office approvers, for all the
 * department's matters or a list of them, from one date to another (China Standard Time, both
 * inclusive). `validFrom`/`validUntil` are the instants the ability compares with; `validUntil` is
 * the midnight after `validTo`. Revocation is recorded in `delegation_revocations` (see there).
 */
export interface Delegation {
  _id: Types.ObjectId;
  departmentCode: string;
  granteeId: string;
  granteeUsername: string;
  powers: DelegatedPower[];
  allMatters: boolean;
  matterCodes: string[];
  validFromDate: string;
  validToDate: string;
  validFrom: Date;
  validUntil: Date;
  note?: string;
  grantedBy: { userId: string; username: string };
  grantedAt: Date;
  revokedAt: Date | null;
  revokedBy?: { userId: string; username: string };
  revokeReason?: string;
  version: number;
}

const actorSchema = { userId: { type: String, required: true }, username: { type: String, required: true } };

const delegationSchema = new Schema<Delegation>({
  departmentCode: { type: String, required: true, index: true },
  granteeId: { type: String, required: true, index: true },
  granteeUsername: { type: String, required: true },
  powers: { type: [String], enum: delegatedPowers, required: true },
  allMatters: { type: Boolean, required: true },
  matterCodes: { type: [String], default: [] },
  validFromDate: { type: String, required: true },
  validToDate: { type: String, required: true },
  validFrom: { type: Date, required: true },
  validUntil: { type: Date, required: true },
  note: { type: String, maxlength: 500 },
  grantedBy: { type: actorSchema, required: true },
  grantedAt: { type: Date, required: true },
  revokedAt: { type: Date, default: null },
  revokedBy: { type: actorSchema, required: false },
  revokeReason: { type: String, maxlength: 500 },
  version: { type: Number, default: 1 },
}, { versionKey: false });

export const delegationModel = (connection: Connection): Model<Delegation> =>
  (connection.models.Delegation as Model<Delegation>) ?? connection.model<Delegation>('Delegation', delegationSchema, 'delegations');

/**
 * The revocation of a delegation. Unique per delegation: of two racing revocations one inserts it
 * and the other is told the delegation is already revoked (FerretDB 1.24 applies a guarded update
 * such as `{ revokedAt: null }` non-atomically; a unique index it enforces). Its existence is what
 * takes the power away; the fields copied onto the delegation are for display.
 */
export interface DelegationRevocation {
  delegationId: string;
  at: Date;
  by: { userId: string; username: string };
  reason: string;
}

const revocationSchema = new Schema<DelegationRevocation>({
  delegationId: { type: String, required: true, unique: true },
  at: { type: Date, required: true },
  by: { type: actorSchema, required: true },
  reason: { type: String, required: true, maxlength: 500 },
}, { versionKey: false });

export const delegationRevocationModel = (connection: Connection): Model<DelegationRevocation> =>
  (connection.models.DelegationRevocation as Model<DelegationRevocation>)
  ?? connection.model<DelegationRevocation>('DelegationRevocation', revocationSchema, 'delegation_revocations');

/** A calendar date in China Standard Time (UTC+8, no daylight saving) as the instant it begins. */
export function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A refresh token, stored only as its SHA-256. Tokens of one sign-in form a family: each refresh
 * spends the presented token (`usedAt`) and issues the next; presenting a spent token again means it
 * was copied, so the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export interface RefreshToken {
  tokenHash: string;
  /**
   * The token this one replaced (`root:<familyId>` for the first). Unique: of two refreshes racing
   * with the same token only one can insert its successor. FerretDB 1.24 does not apply a guarded
   * update (`{ usedAt: null }`) atomically, a unique index it does enforce.
   */
  parentHash: string;
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** The family cannot outlive this, however often it is refreshed. */
  familyExpiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  revokeReason?: 'signOut' | 'reuse' | 'userInactive';
}

const refreshSchema = new Schema<RefreshToken>({
  tokenHash: { type: String, required: true, unique: true },
  parentHash: { type: String, required: true, unique: true },
  familyId: { type: String, required: true, index: true },
  userId: { type: String, required: true, index: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  familyExpiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
  revokedAt: { type: Date, default: null },
  revokeReason: String,
}, { versionKey: false });

export const refreshTokenModel = (connection: Connection): Model<RefreshToken> =>
  (connection.models.RefreshToken as Model<RefreshToken>) ?? connection.model<RefreshToken>('RefreshToken', refreshSchema, 'refresh_tokens');

/**
 * A revoked family (sign-out, reuse, user deactivated): its existence is what refuses the family's
 * refresh tokens and, through the `sid` claim, its access tokens. Keyed by the family id, so the check
 * on every request is a lookup by `_id` (the only filter FerretDB 1.24 answers from an index).
 */
export interface SessionRevocation {
  /** The family id (revocations stored before access tokens carried `sid` have an ObjectId here). */
  _id: string;
  familyId: string;
  at: Date;
  reason: 'signOut' | 'reuse' | 'userInactive' | 'authorityChanged';
}

const revocationSchema = new Schema<SessionRevocation>({
  _id: { type: String, required: true },
  familyId: { type: String, required: true, unique: true },
  at: { type: Date, required: true },
  reason: { type: String, required: true },
}, { versionKey: false });

export const sessionRevocationModel = (connection: Connection): Model<SessionRevocation> =>
  (connection.models.SessionRevocation as Model<SessionRevocation>) ?? connection.model<SessionRevocation>('SessionRevocation', revocationSchema, 'session_revocations');

/**
 * One sign-in attempt under a username as typed (normalised), whether or not the user exists, so a
 * lock tells nothing about which names are real. Attempts are inserted, never counted with `$inc`:
 * FerretDB 1.24 loses concurrent increments, an insert it never loses.
 */
export interface SignInAttempt {
  key: string;
  at: Date;
}

const attemptSchema = new Schema<SignInAttempt>({
  key: { type: String, required: true, index: true },
  at: { type: Date, required: true },
}, { versionKey: false });

export const signInAttemptModel = (connection: Connection): Model<SignInAttempt> =>
  (connection.models.SignInAttempt as Model<SignInAttempt>) ?? connection.model<SignInAttempt>('SignInAttempt', attemptSchema, 'sign_in_attempts');

import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A refresh token, stored only as its SHA-256. Tokens of one sign-in form a family: each refresh
 * spends the presented token (`usedAt`) and issues the next; presenting a spent token again means it
 * was copied, so the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export interface RefreshToken {
  tokenHash: string;
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

/** Failed sign-ins per username, whether or not the user exists (so locking reveals nothing). */
export interface SignInThrottle {
  key: string;
  failures: number;
  lockedUntil: Date | null;
  lastFailureAt: Date;
}

const throttleSchema = new Schema<SignInThrottle>({
  key: { type: String, required: true, unique: true },
  failures: { type: Number, default: 0 },
  lockedUntil: { type: Date, default: null },
  lastFailureAt: { type: Date, required: true },
}, { versionKey: false });

export const signInThrottleModel = (connection: Connection): Model<SignInThrottle> =>
  (connection.models.SignInThrottle as Model<SignInThrottle>) ?? connection.model<SignInThrottle>('SignInThrottle', throttleSchema, 'sign_in_throttle');

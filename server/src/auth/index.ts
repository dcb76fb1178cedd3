export { authenticate, principalOf } from './authenticate.ts';
export { defaultLockoutPolicy, type LockoutPolicy } from './lockout.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export { principalForUser, principalFromUser } from './principal.ts';
export { roles, roleNames, type Role } from './roles.ts';
export { authRoutes, type AuthDeps } from './routes.ts';
export { defaultSessionPolicy, type AuditSink, type SessionPolicy } from './sessions.ts';
export { TokenService, type Principal } from './tokens.ts';
export { userModel, type User } from './user.model.ts';

export { authenticate, principalOf } from './authenticate.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export { roles, roleNames, type Role } from './roles.ts';
export { authRoutes } from './routes.ts';
export { TokenService, type Principal } from './tokens.ts';
export { userModel, type User } from './user.model.ts';

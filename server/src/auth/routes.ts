import { z } from 'zod';
import type { Connection } from 'mongoose';
import { AppError } from '../shared/errors.ts';
import type { Api } from '../shared/http.ts';
import { principalOf } from './authenticate.ts';
import { verifyPassword } from './passwords.ts';
import { roleNames } from './roles.ts';
import type { TokenService } from './tokens.ts';
import { userModel } from './user.model.ts';

const signInBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

const badCredentials = () =>
  new AppError({ status: 401, code: 'BAD_CREDENTIALS', zh: '用户名或密码错误', en: 'Wrong username or password' });

export function authRoutes(api: Api, deps: { db: Connection; tokens: TokenService }): void {
  const users = userModel(deps.db);

  api.add({
    method: 'post', path: '/api/auth/sign-in', tag: 'auth', access: 'public',
    summary: 'Sign in with username and password; returns a short-lived access token',
    body: signInBody,
    handler: async ({ body }) => {
      const user = await users.findOne({ username: body.username, active: true }).lean();
      if (!user || !(await verifyPassword(body.password, user.passwordHash))) throw badCredentials();
      const principal = {
        userId: String(user._id), username: user.username, roles: user.roles,
        departmentCode: user.departmentCode, windowNumber: user.windowNumber,
      };
      return { accessToken: await deps.tokens.sign(principal), tokenType: 'Bearer', user: publicUser(user) };
    },
  });

  api.add({
    method: 'get', path: '/api/auth/me', tag: 'auth', access: 'user',
    summary: 'The signed-in user',
    handler: async ({ req }) => {
      const user = await users.findById(principalOf(req).userId).lean();
      if (!user) throw badCredentials();
      return publicUser(user);
    },
  });
}

function publicUser(user: { _id: unknown; username: string; displayName: string; roles: (keyof typeof roleNames)[]; departmentCode?: string; windowNumber?: string }) {
  return {
    id: String(user._id), username: user.username, displayName: user.displayName,
    roles: user.roles.map((role) => ({ role, name: roleNames[role] })),
    departmentCode: user.departmentCode, windowNumber: user.windowNumber,
  };
}

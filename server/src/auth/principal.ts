import type { Connection } from 'mongoose';
import type { Principal } from './tokens.ts';
import { userModel, type User } from './user.model.ts';

/** The principal an access token carries for a user (roles, department, departments served, window). */
export function principalFromUser(user: Pick<User, 'username' | 'roles' | 'departmentCode' | 'servesDepartmentCodes' | 'windowNumber'> & { _id: unknown }): Principal {
  return {
    userId: String(user._id), username: user.username, roles: user.roles,
    departmentCode: user.departmentCode, servesDepartmentCodes: user.servesDepartmentCodes ?? [], windowNumber: user.windowNumber,
  };
}

/** The name a person is shown by on documents and pages (display name, else the login name). */
export async function displayNameOf(db: Connection, principal: Pick<Principal, 'userId' | 'username'>): Promise<string> {
  if (!/^[a-f0-9]{24}$/.test(principal.userId)) return principal.username;
  const user = await userModel(db).findOne({ _id: principal.userId }, { displayName: 1 }).lean();
  return user?.displayName ?? principal.username;
}

/** The principal of an active user by id, for workers that act on a user's behalf; undefined otherwise. */
export async function principalForUser(db: Connection, userId: string): Promise<Principal | undefined> {
  if (!/^[a-f0-9]{24}$/.test(userId)) return undefined;
  const user = await userModel(db).findOne({ _id: userId, active: true }).lean();
  return user ? principalFromUser(user) : undefined;
}

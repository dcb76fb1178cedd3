import { entry, enList, zhList } from './entry.ts';

/** Sign-in, sessions, users, delegations of authority, the catalogue and phrases. */
export const peopleErrors = {
  BAD_CREDENTIALS: entry(401, '用户名或密码错误', 'Wrong username or password'),
  SESSION_REVOKED: entry(401, '该登录已退出或已被注销，请重新登录', 'This session was signed out or revoked; sign in again'),
  REFRESH_TOKEN_INVALID: entry(401, '刷新凭证无效或已过期，请重新登录', 'Invalid or expired refresh token'),
  REFRESH_TOKEN_REUSED: entry(401, '刷新凭证已被使用，会话已注销，请重新登录', 'This refresh token was already used; the session is closed, sign in again'),
  SIGN_IN_LOCKED: entry<{ minutes: number }>(429, (p) => `登录失败次数过多，请 ${p.minutes} 分钟后再试`, (p) => `Too many failed sign-ins; try again in ${p.minutes} minutes`),
  USERNAME_TAKEN: entry(409, '用户名已被使用', 'The username is taken'),
  CANNOT_DISARM_SELF: entry(409, '不能停用自己或取消自己的系统管理员角色', 'You cannot deactivate yourself or drop your own system admin role'),
  GRANTEE_NOT_APPROVER_OF_DEPARTMENT: entry(422, '被授权人须为本部门在岗的后台审批人员', 'The grantee must be an active approver of the department'),
  MATTER_NOT_OF_DEPARTMENT: entry<{ matters: readonly string[] }>(422,
    (p) => `以下事项不属于本部门：${zhList(p.matters)}`, (p) => `Matters not handled by the department: ${enList(p.matters)}`),
  DELEGATION_ALREADY_REVOKED: entry(409, '该授权已撤销', 'The delegation is already revoked'),
  UNKNOWN_DEPARTMENT: entry<{ code: string }>(422, (p) => `部门不存在：${p.code}`, (p) => `No such department: ${p.code}`),
  MATTER_IDENTITY_FIXED: entry(422, '事项编码和实施部门不能修改', 'A matter’s code and department cannot change'),
  PHRASES_FULL: entry<{ max: number }>(422, (p) => `常用语最多保存 ${p.max} 条`, (p) => `At most ${p.max} phrases are kept`),
};

import { entry, enList, zhList } from './entry.ts';

/** 一件事一次办: bundle definitions, receiving a bundle once, handing its certificates over together. */
export const bundleErrors = {
  BUNDLE_EXISTS: entry<{ code: string }>(409, (p) => `一件事编码已存在：${p.code}`, (p) => `A bundle with code ${p.code} exists`),
  BUNDLE_NOT_PROPOSED: entry(409, '该一件事不是待发布状态', 'The bundle is not waiting to be published'),
  BUNDLE_NOT_PUBLISHED: entry(422, '该一件事尚未发布，不能受理', 'This bundle is not published'),
  BUNDLE_MEMBER_NOT_PROPOSABLE: entry<{ names: readonly string[]; codes: readonly string[] }>(403,
    (p) => `牵头部门只能把本部门、同一后台审批办公室部门和本系统下级部门的事项纳入一件事，以下事项不能纳入：${zhList(p.names)}`,
    (p) => `The lead department may bundle only matters of its own, of departments in its back offices and of its line's district departments, not: ${enList(p.codes)}`),
  BUNDLE_PROMISE_OUT_OF_RANGE: entry<{ slowest: number; sum: number }>(422,
    (p) => `一件事承诺时限须在最长成员事项的承诺时限（${p.slowest}个工作日）与各成员之和（${p.sum}个工作日）之间`,
    (p) => `The bundle's promised limit must lie between its slowest member (${p.slowest} working days) and the sum of its members (${p.sum})`),
  BUNDLE_ALREADY_HANDED_OVER: entry<{ bundleNumber: string }>(409, (p) => `一件事${p.bundleNumber}的证照已统一发放`, (p) => `The certificates of bundle ${p.bundleNumber} were handed over`),
  BUNDLE_NOT_READY_FOR_ISSUE: entry<{ names: readonly string[] }>(409,
    (p) => (p.names.length ? `以下成员事项尚未办结或证照未缮制，不能统一出件：${zhList(p.names)}` : '该一件事没有待发放的证照'),
    (p) => (p.names.length ? `Not every member is decided with its certificate prepared: ${enList(p.names)}` : 'This bundle has no certificate waiting to be handed over'),
    [{ names: [] }, { names: ['a'] }]),
  BUNDLE_MEMBER_ISSUED_TOGETHER: entry<{ bundleNumber: string }>(409, (p) => `该办件属于一件事${p.bundleNumber}，其证照须与其他成员事项统一发放`, (p) => `This case belongs to bundle ${p.bundleNumber}: its certificate is handed over with the bundle's`),
  BUNDLE_CHANGED: entry(409, '一件事办件已被他人修改，请刷新后重试', 'The bundle changed meanwhile; reload and retry'),
  BUNDLE_NOT_FOUND: entry(404, '未找到一件事办件，请核对编号和手机号后四位', 'No bundle matches this number and phone digits'),
};

/** Steps the bundle tests share: a member decided by its back office, or at the window (即办件). */
import { expect } from 'chai';
import { openTask, type Actor } from '../../e2e/steps.ts';

const year = () => new Date().getUTCFullYear();

/** Review, then the decision: 准予 with the licence, or 不予 with reasons (sealed either way). */
export async function decide(approver: Actor, caseNumber: string, outcome: 'grant' | 'refuse') {
  const review = await openTask(approver, caseNumber, 'review');
  await approver.post(`/api/tasks/${review.key}/claim`);
  expect((await approver.post(`/api/tasks/${review.key}/approve`, { opinion: '符合条件' })).status).to.equal(200);
  const decision = await openTask(approver, caseNumber, 'decide');
  await approver.post(`/api/tasks/${decision.key}/claim`);
  const res = outcome === 'grant'
    ? await approver.post(`/api/tasks/${decision.key}/approve`, { opinion: '准予', decision: { findings: '申请符合法定条件', legalBasis: '《中华人民共和国行政许可法》', licence: { name: '许可证', scope: '餐饮服务', validFrom: `${year()}-01-01`, validTo: `${year() + 4}-12-31` } } })
    : await approver.post(`/api/tasks/${decision.key}/reject`, { opinion: '不予许可', reasons: ['不符合开票限额审批条件'] });
  expect(res.status, res.text).to.equal(200);
}

/** 即办件: decided on the spot at the window by the department's staff, its result issued there by its own process. */
export async function decideAtWindow(staff: Actor, caseNumber: string, licence: { name: string; scope: string }) {
  const task = await openTask(staff, caseNumber, 'decideAtWindow');
  await staff.post(`/api/tasks/${task.key}/claim`);
  const res = await staff.post(`/api/tasks/${task.key}/approve`, {
    opinion: '当场办结', decision: { findings: '材料齐全，符合法定形式', legalBasis: '《中华人民共和国行政许可法》', licence: { ...licence, validFrom: `${year()}-01-01`, validTo: `${year() + 20}-12-31` } },
  });
  expect(res.status, res.text).to.equal(200);
}

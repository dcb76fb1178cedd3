/** What each notification says (zh-CN; SMS length). `{caseNumber}` etc. are filled from the case. */
export const notificationTexts: Record<string, { audience: 'applicant' | 'staff' | 'director'; zh: string }> = {
  accepted: { audience: 'applicant', zh: '您的申请（办件编号{caseNumber}，{matter}）已受理，承诺办结日期{dueDate}。' },
  correctionRequested: { audience: 'applicant', zh: '您的申请（办件编号{caseNumber}）需补正材料，请查收一次性告知书并按要求补正。补正期间不计入办理时限。' },
  drawingsReturned: { audience: 'applicant', zh: '您的施工图（办件编号{caseNumber}）需修改后重新提交，请查收审查意见。修改期间不计入审查时限。' },
  decided: { audience: 'applicant', zh: '您的申请（办件编号{caseNumber}）已作出审批决定。' },
  refused: { audience: 'applicant', zh: '您的申请（办件编号{caseNumber}）依法不予许可，请查收不予行政许可决定书，如不服可依法申请行政复议或提起行政诉讼。' },
  readyForPickup: { audience: 'applicant', zh: '您的证照（办件编号{caseNumber}）已制作完成，请携带身份证件到出证窗口领取，或选择邮寄送达。' },
  issued: { audience: 'applicant', zh: '您的证照（办件编号{caseNumber}）已送达，欢迎对本次服务作出评价。' },
  withdrawn: { audience: 'applicant', zh: '您的申请（办件编号{caseNumber}）逾期未补正，视为撤回。' },
  stepDueSoon: { audience: 'staff', zh: '【预警】办件{caseNumber}（{matter}）当前环节即将到期，请及时办理。' },
  stepOverdue: { audience: 'director', zh: '【超期督办】办件{caseNumber}（{matter}）当前环节已超期。' },
  caseDueSoon: { audience: 'staff', zh: '【预警】办件{caseNumber}（{matter}）即将到达承诺办结时限{dueDate}。' },
  caseOverdue: { audience: 'director', zh: '【超期督办】办件{caseNumber}（{matter}）已超过承诺办结时限{dueDate}。' },
};

export function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

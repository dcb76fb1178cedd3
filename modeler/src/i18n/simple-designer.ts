/** 简易设计 (the simple designer): zh-CN and en under one root key. */
export default {
  'zh-CN': {
    simple: {
      menu: '简易设计', processId: '流程标识', name: '流程名称', nodes: '环节', add: '添加环节', addHere: '在此添加环节', remove: '删除',
      up: '上移', down: '下移', preview: '预览流程图', openFull: '在完整设计器中打开', saveDraft: '保存草稿', submit: '提交审核', publish: '审核发布',
      reject: '退回修改', comment: '说明（必填）', commentHint: '本次修改的原因', saved: '草稿已保存', submitted: '已提交审核，等待他人审核发布',
      published: '已发布为第 {v} 版', rejected: '已退回修改', start: '申请', end: '办结', department: '部门', departments: '审查部门',
      power: '所需权限', limitDays: '时限（工作日）', seal: '加盖行政审批专用章', template: '通知内容', lead: '牵头部门', units: '参与审图部门',
      branch: '分支', branchName: '分支名称', field: '条件字段', value: '取值', otherwise: '其他情况', addBranch: '添加分支', removeBranch: '删除分支',
      emptyOtherwise: '其他情况直接进入下一环节', keys: '键盘：Tab 选中环节，Alt+↑/Alt+↓ 移动，Delete 删除；拖动环节可调整顺序',
      handDrawn: '此流程不是用简易设计生成的，请在完整设计器中打开。', changed: '此流程已在完整设计器中修改过，请在完整设计器中打开。',
      invalid: '环节设置不完整：{fields}', status: '状态', forbidden: '无权打开此草稿',
      kind: {
        receive: '收件', review: '审查', decide: '审批决定', notify: '抄送', condition: '条件分支', parallelReview: '并联审查',
        jointReview: '联合审图', prepareCertificate: '缮证', issue: '发证',
      },
      hint: {
        receive: '登记收到的申请材料', review: '由一个部门审查并提出意见', decide: '作出准予或不予许可的决定', notify: '通知申请人或相关人员',
        condition: '按申请情况走不同的环节', parallelReview: '多个部门同时审查', jointReview: '多个单位联合审查施工图，牵头部门汇总出具意见书',
        prepareCertificate: '制作证照', issue: '在出证窗口发证',
      },
      powers: { reviewAndReport: '审核上报权', coordinate: '组织协调权' },
      fields: { applicantKind: '申请人类型', acceptanceMode: '受理方式', handlingType: '办件类型' },
      values: {
        person: '个人', organisation: '法人或其他组织', accept: '受理', acceptWithPendingMaterials: '容缺受理', acceptOnCommitment: '承诺受理',
        immediate: '即办件', promised: '承诺件',
      },
      templates: { accepted: '受理通知', decided: '审批决定通知', readyForPickup: '领证通知', issued: '办结通知' },
    },
  },
  en: {
    simple: {
      menu: 'Simple designer', processId: 'Process id', name: 'Process name', nodes: 'Steps', add: 'Add step', addHere: 'Add a step here', remove: 'Remove',
      up: 'Move up', down: 'Move down', preview: 'Preview diagram', openFull: 'Open in the full modeler', saveDraft: 'Save draft', submit: 'Submit for review', publish: 'Review and publish',
      reject: 'Send back', comment: 'Comment (required)', commentHint: 'Why this change', saved: 'Draft saved', submitted: 'Submitted; someone else reviews and publishes it',
      published: 'Published as version {v}', rejected: 'Sent back', start: 'Application', end: 'Closed', department: 'Department', departments: 'Reviewing departments',
      power: 'Power needed', limitDays: 'Limit (working days)', seal: 'Apply the approval seal', template: 'Notice', lead: 'Lead department', units: 'Reviewing units',
      branch: 'Branch', branchName: 'Branch name', field: 'Field', value: 'Value', otherwise: 'Otherwise', addBranch: 'Add branch', removeBranch: 'Remove branch',
      emptyOtherwise: 'Otherwise straight on to the next step', keys: 'Keys: Tab selects a step, Alt+↑/Alt+↓ move it, Delete removes it; drag a step to reorder',
      handDrawn: 'This process was not made in the simple designer: open it in the full modeler.', changed: 'This process was changed in the full modeler: open it there.',
      invalid: 'Some steps are incomplete: {fields}', status: 'Status', forbidden: 'You may not open this draft',
      kind: {
        receive: 'Receive', review: 'Review', decide: 'Decision', notify: 'Carbon copy', condition: 'Condition', parallelReview: 'Parallel review',
        jointReview: 'Joint drawing review', prepareCertificate: 'Prepare certificate', issue: 'Issue',
      },
      hint: {
        receive: 'Register the application received', review: 'One department reviews and gives its opinion', decide: 'Grant or refuse', notify: 'Inform the applicant or others',
        condition: 'Different steps depending on the application', parallelReview: 'Several departments review at once', jointReview: 'Units review the drawings together; the lead consolidates',
        prepareCertificate: 'Produce the certificate', issue: 'Hand it over at the issuing window',
      },
      powers: { reviewAndReport: 'Review and report', coordinate: 'Coordinate' },
      fields: { applicantKind: 'Applicant', acceptanceMode: 'Acceptance', handlingType: 'Handling type' },
      values: {
        person: 'Person', organisation: 'Organisation', accept: 'Accepted', acceptWithPendingMaterials: 'Accepted, materials pending', acceptOnCommitment: 'Accepted on commitment',
        immediate: 'Immediate', promised: 'Promised',
      },
      templates: { accepted: 'Accepted', decided: 'Decided', readyForPickup: 'Ready for pickup', issued: 'Issued' },
    },
  },
};

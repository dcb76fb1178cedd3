/** 一件事一次办: messages of the bundle pages (zh-CN first, English second). */
const zhCN = {
  bundle: {
    menu: '一件事受理', title: '一件事一次办', choose: '选择一件事', lead: '牵头部门', promised: '承诺时限', days: '{n} 个工作日', members: '成员事项',
    applicant: '申请人（一次录入）', person: '自然人', organisation: '法人或其他组织', name: '名称或姓名', idNumber: '身份证号', uscc: '统一社会信用代码',
    contact: '联系人', phone: '联系电话', form: '一张表单', materials: '一张材料清单', sharedBy: '{n} 项事项共用', provided: '已收', outcome: '受理结果',
    accept: '受理', refuse: '不予受理', reason: '不予受理理由', submit: '一次受理', received: '已受理一件事', number: '一件事编号', due: '一件事办结期限',
    caseNumber: '办件编号', state: '进度', memberDue: '成员办结期限', receipt: '收件回执', progressTitle: '一件事进度查询', progressSubmit: '查询',
    phoneLast4: '手机号后四位', badNumber: '请输入一件事编号，如 YJ20261201-0001', notFound: '未找到一件事办件，请核对编号和手机号后四位', stage: '状态',
    stages: { inProgress: '办理中', issuing: '待统一出件', closed: '已办结' }, usedDays: '已用 {n} 个工作日', finishing: '部分成员事项尚未完成收件，系统将自动补办，请稍后刷新',
    def: {
      menuPropose: '一件事申报', menuReview: '一件事发布', title: '一件事定义', list: '一件事清单', propose: '申报一件事', code: '编码', nameZh: '名称', nameEn: '英文名称',
      lead: '牵头部门', members: '成员事项', membersHint: '可选本部门、同一后台审批办公室部门及本系统下级部门的事项', promisedDays: '承诺时限（工作日）', range: '可填 {min}–{max} 个工作日（不短于最慢成员，不长于各成员之和）',
      merged: '合并后的材料清单（{n} 项）', material: '材料', required: '必要', pendingAllowed: '可容缺', sources: '所需事项', formFields: '一张表单',
      fieldKey: '字段标识', fieldLabel: '字段名称', fieldRequired: '必填', addField: '添加字段', remove: '删除', submit: '提交申报', proposed: '已申报，待系统管理员发布：{name}',
      publish: '发布', published: '已发布：{name}', status: '状态', statuses: { proposed: '待发布', published: '已发布', withdrawn: '已撤回' }, none: '暂无一件事',
      yes: '是', no: '否',
    },
    issue: {
      ready: '待统一出件的一件事（{n}）', pick: '选择一件事统一发放', certificate: '证照', atDesk: '收件时当场发放', refused: '不予许可（决定书已送达）',
      handOver: '统一发放并出具送达回证', done: '已统一发放，送达回证：', members: '成员事项与证照',
    },
  },
};
const en = {
  bundle: {
    menu: 'Bundles', title: 'One thing, one visit', choose: 'Choose a bundle', lead: 'Lead department', promised: 'Promised limit', days: '{n} working days', members: 'Member matters',
    applicant: 'Applicant (entered once)', person: 'Person', organisation: 'Organisation', name: 'Name', idNumber: 'ID number', uscc: 'Unified social credit code',
    contact: 'Contact', phone: 'Phone', form: 'One form', materials: 'One material list', sharedBy: 'needed by {n} matters', provided: 'Received', outcome: 'Outcome',
    accept: 'Accept', refuse: 'Refuse', reason: 'Reason for refusal', submit: 'Receive once', received: 'Bundle received', number: 'Bundle number', due: 'Bundle due date',
    caseNumber: 'Case number', state: 'Progress', memberDue: 'Member due date', receipt: 'Receipt', progressTitle: 'Bundle progress', progressSubmit: 'Search',
    phoneLast4: 'Last 4 phone digits', badNumber: 'Enter a bundle number such as YJ20261201-0001', notFound: 'No bundle matches this number and phone digits', stage: 'Status',
    stages: { inProgress: 'In progress', issuing: 'Waiting to be issued together', closed: 'Completed' }, usedDays: '{n} working days used', finishing: 'Some members are still being received; the system finishes them, refresh shortly',
    def: {
      menuPropose: 'Propose bundles', menuReview: 'Publish bundles', title: 'Bundle definitions', list: 'Bundles', propose: 'Propose a bundle', code: 'Code', nameZh: 'Name', nameEn: 'English name',
      lead: 'Lead department', members: 'Member matters', membersHint: 'Matters of your department, of departments in its back offices and of its line\'s district departments', promisedDays: 'Promised limit (working days)', range: '{min}–{max} working days (not faster than the slowest member, not slower than all in a row)',
      merged: 'Merged material list ({n})', material: 'Material', required: 'Required', pendingAllowed: 'May be pending', sources: 'Needed by', formFields: 'One form',
      fieldKey: 'Field key', fieldLabel: 'Field label', fieldRequired: 'Required', addField: 'Add field', remove: 'Remove', submit: 'Propose', proposed: 'Proposed; waiting for the system administrator: {name}',
      publish: 'Publish', published: 'Published: {name}', status: 'Status', statuses: { proposed: 'Proposed', published: 'Published', withdrawn: 'Withdrawn' }, none: 'No bundles',
      yes: 'Yes', no: 'No',
    },
    issue: {
      ready: 'Bundles to hand over together ({n})', pick: 'Choose a bundle to hand over', certificate: 'Certificate', atDesk: 'Given at the desk when received', refused: 'Refused (decision served)',
      handOver: 'Hand over together with one proof of service', done: 'Handed over; proof of service:', members: 'Members and certificates',
    },
  },
};

export default { 'zh-CN': zhCN, en };

/** 一件事一次办: messages of the bundle pages (zh-CN first, English second). */
const zhCN = {
  bundle: {
    menu: '一件事受理', title: '一件事一次办', choose: '选择一件事', lead: '牵头部门', promised: '承诺时限', days: '{n} 个工作日', members: '成员事项',
    applicant: '申请人（一次录入）', person: '自然人', organisation: '法人或其他组织', name: '名称或姓名', idNumber: '身份证号', uscc: '统一社会信用代码',
    contact: '联系人', phone: '联系电话', form: '一张表单', materials: '一张材料清单', sharedBy: '{n} 项事项共用', provided: '已收', outcome: '受理结果',
    accept: '受理', refuse: '不予受理', reason: '不予受理理由', submit: '一次受理', received: '已受理一件事', number: '一件事编号', due: '一件事办结期限',
    caseNumber: '办件编号', state: '进度', memberDue: '成员办结期限', receipt: '收件回执', progressTitle: '一件事进度查询', progressSubmit: '查询',
    phoneLast4: '手机号后四位', badNumber: '请输入一件事编号，如 YJ20261201-0001', notFound: '未找到一件事办件，请核对编号和手机号后四位', stage: '状态',
    stages: { inProgress: '办理中', issuing: '待统一出件', closed: '已办结' }, usedDays: '已用 {n} 个工作日',
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
    stages: { inProgress: 'In progress', issuing: 'Waiting to be issued together', closed: 'Completed' }, usedDays: '{n} working days used',
  },
};

export default { 'zh-CN': zhCN, en };

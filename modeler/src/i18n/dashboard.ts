/** The director's view (驾驶舱): messages under one root key, zh-CN first. */
const zh = {
  menu: '局长驾驶舱',
  filters: { from: '开始日期', to: '结束日期', department: '部门', zone: '大厅', all: '全部', city: '市民大厅', shapotou: '沙坡头区分厅', apply: '查询' },
  kpi: {
    received: '收件数', completed: '办结数', onTime: '按时办结率', oneWindow: '一窗受理率', entry: '事项进驻率', immediate: '即办件占比',
    pending: '容缺受理', pendingKept: '容缺承诺兑现', commitment: '告知承诺', target: '目标 ≥ {n}',
  },
  diagram: {
    title: '流程瓶颈热力图', process: '流程', version: '版本', legend: '颜色：环节平均用时（越红越慢）；徽标：在办件数 / 超期件数',
    wip: '在办 {n}', overdue: '超期 {n}', pick: '点击流程图中的环节查看办件', hours: '{n} 小时',
  },
  drill: {
    title: '环节办件：{name}', waiting: '当前在办', passed: '已经办（最慢在前）', caseNumber: '办件编号', department: '部门', window: '窗口',
    assignee: '经办人', since: '到达时间', hours: '用时（小时）', workingDays: '工作日', overdue: '超期', supervise: '督办',
  },
  charts: { daily: '每日收件与办结', rates: '按时办结率与一窗受理率', outcomes: '办理结果', slowSteps: '最慢环节（平均小时）', slowDepts: '最慢部门（平均工作日）', received: '收件', completed: '办结', onTime: '按时率', oneWindow: '一窗率' },
  outcomes: { accepted: '受理', refused: '不予受理', correctionRequested: '补正', completed: '办结' },
  overdue: { title: '超期与临期环节', red: '已超期', yellow: '临期', step: '环节', due: '期限', none: '没有超期或临期的环节' },
  supervision: {
    title: '督办', issue: '发出督办', days: '答复期限（工作日）', note: '督办要求', level: { reminder: '督办提醒', notice: '督办通知', escalation: '提级督办' },
    issued: '已发督办', answeredOnTime: '按时答复', overdue: '逾期未复', automatic: '红灯自动督办', source: { director: '局长督办', redTimer: '红灯自动' },
    escalate: '提级', reply: '答复', replyText: '部门书面答复', deadline: '答复期限', state: { open: '待答复', answered: '已答复' }, none: '暂无督办', sent: '督办已发出',
  },
  export: { title: '导出', bottlenecks: '瓶颈报表', departments: '部门报表', windows: '窗口考核', xlsx: 'Excel', csv: 'CSV' },
  bigScreen: { enter: '大屏模式', leave: '退出大屏', title: '中卫市政务服务大厅 · 实时运行' },
};

const en: typeof zh = {
  menu: 'Director\'s view',
  filters: { from: 'From', to: 'To', department: 'Department', zone: 'Hall', all: 'All', city: 'City hall', shapotou: 'Shapotou sub-hall', apply: 'Apply' },
  kpi: {
    received: 'Received', completed: 'Completed', onTime: 'On time', oneWindow: 'One-window rate', entry: 'Entry rate', immediate: 'Immediate share',
    pending: 'Pending materials', pendingKept: 'Promises kept', commitment: 'On commitment', target: 'Target ≥ {n}',
  },
  diagram: {
    title: 'Bottleneck heatmap', process: 'Process', version: 'Version', legend: 'Colour: mean time at the step (redder is slower); badges: in progress / overdue',
    wip: '{n} open', overdue: '{n} overdue', pick: 'Click a step in the diagram to see its cases', hours: '{n} h',
  },
  drill: {
    title: 'Cases at: {name}', waiting: 'Waiting now', passed: 'Passed (slowest first)', caseNumber: 'Case', department: 'Department', window: 'Window',
    assignee: 'Handled by', since: 'Arrived', hours: 'Hours', workingDays: 'Working days', overdue: 'Overdue', supervise: 'Supervise',
  },
  charts: { daily: 'Received and completed per day', rates: 'On-time and one-window rates', outcomes: 'Outcomes', slowSteps: 'Slowest steps (mean hours)', slowDepts: 'Slowest departments (mean working days)', received: 'Received', completed: 'Completed', onTime: 'On time', oneWindow: 'One window' },
  outcomes: { accepted: 'Accepted', refused: 'Refused', correctionRequested: 'Correction', completed: 'Completed' },
  overdue: { title: 'Overdue and due-soon steps', red: 'Overdue', yellow: 'Due soon', step: 'Step', due: 'Due', none: 'No step is overdue or due soon' },
  supervision: {
    title: 'Supervision', issue: 'Issue order', days: 'Reply within (working days)', note: 'Request', level: { reminder: 'Reminder', notice: 'Notice', escalation: 'Escalated' },
    issued: 'Issued', answeredOnTime: 'Answered on time', overdue: 'Overdue', automatic: 'Automatic (red timers)', source: { director: 'Director', redTimer: 'Red timer' },
    escalate: 'Escalate', reply: 'Reply', replyText: 'Department\'s written reply', deadline: 'Reply by', state: { open: 'Open', answered: 'Answered' }, none: 'No supervision orders', sent: 'Order issued',
  },
  export: { title: 'Export', bottlenecks: 'Bottlenecks', departments: 'Departments', windows: 'Window assessment', xlsx: 'Excel', csv: 'CSV' },
  bigScreen: { enter: 'Large screen', leave: 'Leave large screen', title: 'Zhongwei service hall · live' },
};

export default { 'zh-CN': { dashboard: zh }, en: { dashboard: en } };

/** 待办中心 (the approvers' task board): zh-CN and English under the root key `board`. */
const zhCN = {
  board: {
    menu: '待办中心', title: '待办中心',
    tabs: { mine: '待办', groups: '待签收', dueSoon: '即将到期', overdue: '已超期', done: '已办', cc: '抄送我的' },
    filter: {
      label: '筛选', matter: '事项', department: '部门', stage: '环节', applicant: '申请人', caseNumber: '办件编号',
      sort: '排序', apply: '查询', clear: '清空',
    },
    sorts: { dueAt: '到期时间（先到期）', '-dueAt': '到期时间（后到期）', createdAt: '创建时间（最早）', '-createdAt': '创建时间（最新）', priority: '优先级（督办优先）' },
    col: { caseNumber: '办件编号', matter: '事项', applicant: '申请人', step: '环节', holder: '办理人', due: '剩余时限', supervised: '督办', done: '办结时间' },
    unclaimed: '待签收（{groups}）', supervised: '督办', empty: '没有任务',
    claim: '签收', claimSelected: '批量签收（{n}）', claimed: '已签收 {n} 件', claimFailed: '{key}：{message}',
    selectRow: '选择办件 {caseNumber}', selectAll: '选择本页全部待签收任务', open: '打开任务',
    keys: '快捷键：j/k 或 ↑/↓ 移动，Enter 打开，空格 选择，c 签收',
    live: { connecting: '正在连接…', live: '实时更新', reconnecting: '连接中断，正在重新连接…', polling: '每 15 秒刷新' },
    total: '共 {n} 件',
  },
};

const en: typeof zhCN = {
  board: {
    menu: 'Task board', title: 'Task board',
    tabs: { mine: 'My tasks', groups: 'To claim', dueSoon: 'Due soon', overdue: 'Overdue', done: 'Done', cc: 'Copied to me' },
    filter: {
      label: 'Filters', matter: 'Matter', department: 'Department', stage: 'Step', applicant: 'Applicant', caseNumber: 'Case number',
      sort: 'Order', apply: 'Search', clear: 'Clear',
    },
    sorts: { dueAt: 'Due first', '-dueAt': 'Due last', createdAt: 'Oldest first', '-createdAt': 'Newest first', priority: 'Priority (supervised first)' },
    col: { caseNumber: 'Case number', matter: 'Matter', applicant: 'Applicant', step: 'Step', holder: 'Held by', due: 'Time left', supervised: 'Supervised', done: 'Completed' },
    unclaimed: 'To claim ({groups})', supervised: 'Supervised', empty: 'No tasks',
    claim: 'Claim', claimSelected: 'Claim selected ({n})', claimed: '{n} claimed', claimFailed: '{key}: {message}',
    selectRow: 'Select case {caseNumber}', selectAll: 'Select every task on this page', open: 'Open task',
    keys: 'Keys: j/k or ↑/↓ move, Enter opens, Space selects, c claims',
    live: { connecting: 'Connecting…', live: 'Live', reconnecting: 'Connection lost, reconnecting…', polling: 'Refreshed every 15 s' },
    total: '{n} in all',
  },
};

export default { 'zh-CN': zhCN, en };

/** Element names (palette, replace menu, context pad), our own translation. */
export const zhElements: Record<string, string> = {
  'Ad-hoc sub-process': '自由子流程', 'Ad-hoc sub-process (collapsed)': '自由子流程（折叠）', 'Ad-hoc sub-process (expanded)': '自由子流程（展开）',
  'Alert target ID': '提示目标标识', 'Boundary event': '边界事件', 'Business rule task': '业务规则任务', 'Call activity': '调用活动',
  'Cancel boundary event': '取消边界事件', 'Cancel end event': '取消结束事件', 'Compensation boundary event': '补偿边界事件',
  'Compensation end event': '补偿结束事件', 'Compensation intermediate throw event': '补偿中间抛出事件', 'Compensation start event': '补偿开始事件',
  'Complex gateway': '复杂网关', 'Conditional boundary event': '条件边界事件', 'Conditional boundary event (non-interrupting)': '条件边界事件（不中断）',
  'Conditional intermediate catch event': '条件中间捕获事件', 'Conditional start event': '条件开始事件', 'Conditional start event (non-interrupting)': '条件开始事件（不中断）',
  'Data object reference': '数据对象引用', 'Data store reference': '数据存储引用', 'Empty pool/participant': '空白池/参与者', 'End event': '结束事件',
  'Error boundary event': '错误边界事件', 'Error end event': '错误结束事件', 'Error start event': '错误开始事件',
  'Escalation boundary event': '升级边界事件', 'Escalation boundary event (non-interrupting)': '升级边界事件（不中断）', 'Escalation end event': '升级结束事件',
  'Escalation intermediate throw event': '升级中间抛出事件', 'Escalation start event': '升级开始事件', 'Escalation start event (non-interrupting)': '升级开始事件（不中断）',
  'Event sub-process': '事件子流程', 'Event-based gateway': '事件网关', 'Exclusive gateway': '排他网关', 'Expanded pool/participant': '展开的池/参与者',
  'Inclusive gateway': '包容网关', 'Intermediate throw event': '中间抛出事件', 'Link intermediate catch event': '链接中间捕获事件',
  'Link intermediate throw event': '链接中间抛出事件', 'Manual task': '手工任务', 'Message boundary event': '消息边界事件',
  'Message boundary event (non-interrupting)': '消息边界事件（不中断）', 'Message end event': '消息结束事件', 'Message intermediate catch event': '消息中间捕获事件',
  'Message intermediate throw event': '消息中间抛出事件', 'Message start event': '消息开始事件', 'Message start event (non-interrupting)': '消息开始事件（不中断）',
  'Parallel gateway': '并行网关', 'Receive task': '接收任务', 'Script task': '脚本任务', 'Send task': '发送任务', 'Service task': '服务任务',
  'Signal boundary event': '信号边界事件', 'Signal boundary event (non-interrupting)': '信号边界事件（不中断）', 'Signal end event': '信号结束事件',
  'Signal intermediate catch event': '信号中间捕获事件', 'Signal intermediate throw event': '信号中间抛出事件', 'Signal start event': '信号开始事件',
  'Signal start event (non-interrupting)': '信号开始事件（不中断）', 'Start event': '开始事件', 'Sub-process (collapsed)': '子流程（折叠）',
  'Sub-process (expanded)': '子流程（展开）', Task: '任务', 'Terminate end event': '终止结束事件', 'Timer boundary event': '定时边界事件',
  'Timer boundary event (non-interrupting)': '定时边界事件（不中断）', 'Timer intermediate catch event': '定时中间捕获事件', 'Timer start event': '定时开始事件',
  'Timer start event (non-interrupting)': '定时开始事件（不中断）', Transaction: '事务', 'User task': '用户任务', 'Sub-process': '子流程',
  'Sequence flow': '顺序流', 'Default flow': '默认流', 'Conditional flow': '条件流', 'Parallel multi-instance': '并行多实例',
  'Sequential multi-instance': '串行多实例', Loop: '循环', 'Multi-instance': '多实例', 'Camunda user task': 'Camunda 用户任务',
};

/**
 * The properties panel's header names the selected element by its type in Title Case ("Process",
 * "Service Task", "Timer Boundary Event (Non Interrupting)"), passed through `translate`: ours.
 */
const panelTypes: Record<string, string> = {
  Process: '流程', Collaboration: '协作', Participant: '参与者', Lane: '泳道', 'Start Event': '开始事件', 'End Event': '结束事件',
  'Message Start Event': '消息开始事件', 'Timer Start Event': '定时开始事件', 'Error End Event': '错误结束事件', 'Terminate End Event': '终止结束事件',
  'Message End Event': '消息结束事件', 'Escalation End Event': '升级结束事件', 'Intermediate Throw Event': '中间抛出事件',
  'Message Intermediate Catch Event': '消息中间捕获事件', 'Timer Intermediate Catch Event': '定时中间捕获事件',
  'Message Intermediate Throw Event': '消息中间抛出事件', 'Boundary Event': '边界事件', 'Timer Boundary Event': '定时边界事件',
  'Timer Boundary Event (Non Interrupting)': '定时边界事件（不中断）', 'Message Boundary Event': '消息边界事件',
  'Message Boundary Event (Non Interrupting)': '消息边界事件（不中断）', 'Error Boundary Event': '错误边界事件',
  'Escalation Boundary Event': '升级边界事件', 'Escalation Boundary Event (Non Interrupting)': '升级边界事件（不中断）',
  Task: '任务', 'Service Task': '服务任务', 'User Task': '用户任务', 'Send Task': '发送任务', 'Receive Task': '接收任务',
  'Script Task': '脚本任务', 'Business Rule Task': '业务规则任务', 'Manual Task': '手工任务', 'Call Activity': '调用活动',
  'Sub Process': '子流程', 'Event Sub Process': '事件子流程', 'Ad Hoc Sub Process': '自由子流程', Transaction: '事务',
  'Exclusive Gateway': '排他网关', 'Parallel Gateway': '并行网关', 'Inclusive Gateway': '包容网关', 'Event Based Gateway': '事件网关',
  'Complex Gateway': '复杂网关', 'Sequence Flow': '顺序流', 'Message Flow': '消息流', Association: '关联', 'Text Annotation': '文本注释',
  'Data Object Reference': '数据对象引用', 'Data Store Reference': '数据存储引用', Group: '分组',
};
Object.assign(zhElements, panelTypes);


/**
 * The one Chinese dictionary of the lint messages (bpmnlint and its Camunda 8 plugin, the rule set of
 * lint-config.ts): the modeler shows its canvas overlays and the server's check results through it.
 * Messages are English sentences with `<type>`/`<property>` slots; each pattern renders its Chinese
 * sentence with the slots named in Chinese. No Node imports: the browser reads this file.
 */

/** BPMN and Zeebe types that appear in the messages, as the modeler names them. */
const typeNames: Record<string, string> = {
  'bpmn:Process': '流程', 'bpmn:SubProcess': '子流程', 'bpmn:Task': '任务', 'bpmn:ServiceTask': '服务任务', 'bpmn:UserTask': '用户任务',
  'bpmn:SendTask': '发送任务', 'bpmn:ReceiveTask': '接收任务', 'bpmn:ScriptTask': '脚本任务', 'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:ManualTask': '手工任务', 'bpmn:CallActivity': '调用活动', 'bpmn:StartEvent': '开始事件', 'bpmn:EndEvent': '结束事件',
  'bpmn:BoundaryEvent': '边界事件', 'bpmn:IntermediateCatchEvent': '中间捕获事件', 'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:ExclusiveGateway': '排他网关', 'bpmn:ParallelGateway': '并行网关', 'bpmn:InclusiveGateway': '包容网关', 'bpmn:EventBasedGateway': '事件网关',
  'bpmn:ComplexGateway': '复杂网关', 'bpmn:SequenceFlow': '顺序流', 'bpmn:Message': '消息', 'bpmn:Error': '错误', 'bpmn:Signal': '信号',
  'bpmn:Escalation': '升级', 'bpmn:MessageEventDefinition': '消息事件定义', 'bpmn:TimerEventDefinition': '定时事件定义',
  'bpmn:ErrorEventDefinition': '错误事件定义', 'bpmn:SignalEventDefinition': '信号事件定义', 'bpmn:EscalationEventDefinition': '升级事件定义',
  'bpmn:ConditionalEventDefinition': '条件事件定义', 'bpmn:CompensateEventDefinition': '补偿事件定义', 'bpmn:LinkEventDefinition': '链接事件定义',
  'bpmn:TerminateEventDefinition': '终止事件定义', 'bpmn:MultiInstanceLoopCharacteristics': '多实例', 'bpmn:StandardLoopCharacteristics': '循环',
  'zeebe:TaskDefinition': '任务定义（作业类型）', 'zeebe:AssignmentDefinition': '办理人分配', 'zeebe:CalledElement': '调用的流程',
  'zeebe:LoopCharacteristics': '多实例设置', 'zeebe:Subscription': '消息订阅', 'zeebe:IoMapping': '输入输出映射', 'zeebe:TaskHeaders': '任务头',
  'zeebe:FormDefinition': '表单', 'zeebe:TaskSchedule': '任务时限', 'zeebe:Header': '任务头',
};

/** Property names that appear in the messages. */
const propertyNames: Record<string, string> = {
  name: '名称', type: '类型', conditionExpression: '条件表达式', calledElement: '调用的流程', processId: '流程标识',
  inputCollection: '输入集合', inputElement: '输入元素', outputCollection: '输出集合', outputElement: '输出元素',
  correlationKey: '关联键', messageRef: '消息引用', errorRef: '错误引用', errorCode: '错误码', timeDuration: '时长', timeCycle: '循环周期',
  timeDate: '日期', candidateGroups: '候选组', dueDate: '到期日期', followUpDate: '跟进日期', completionCondition: '完成条件',
  source: '来源', target: '目标', key: '键', value: '值', eventDefinitions: '事件定义', signalRef: '信号引用', escalationRef: '升级引用',
};

const slot = (names: Record<string, string>) => (list: string) =>
  list.replace(/<([^>]+)>/g, (_, name: string) => `「${names[name] ?? name}」`).replace(/ or /g, '或').replace(/, /g, '、');
const type = slot(typeNames);
const property = slot(propertyNames);

const patterns: Array<[RegExp, (...slots: string[]) => string]> = [
  [/^Element is missing label\/name$/, () => '缺少名称：请填写环节名称'],
  [/^Element is not connected$/, () => '未与流程连接'],
  [/^Sequence flow is missing condition$/, () => '顺序流缺少条件表达式'],
  [/^Element is missing bpmndi$/, () => '缺少图形信息'],
  [/^Element is an implicit end$/, () => '隐式结束：请连接到结束事件'],
  [/^Element is an implicit start$/, () => '隐式开始：请从开始事件连入'],
  [/^(.+) is missing end event$/, (what) => `${what === 'Process' ? '流程' : '子流程'}缺少结束事件`],
  [/^(.+) is missing start event$/, (what) => `${what === 'Process' ? '流程' : '子流程'}缺少开始事件`],
  [/^SequenceFlow is a duplicate$/, () => '重复的顺序流'],
  [/^Duplicate outgoing sequence flows$/, () => '重复的流出顺序流'],
  [/^Duplicate incoming sequence flows$/, () => '重复的流入顺序流'],
  [/^Incoming flows do not join$/, () => '多条流入未经网关汇合'],
  [/^Element of type (<[^>]+>) must have one extension element of type (.+)$/, (t, x) => `${type(t)}必须有一个${type(x)}`],
  [/^Element of type (<[^>]+>) must have property (.+) if it has property (.+)$/, (t, p, q) => `${type(t)}设置了${property(q)}时必须设置${property(p)}`],
  [/^Element of type (<[^>]+>) must have property (.+)$/, (t, p) => `${type(t)}必须设置${property(p)}`],
  [/^Element of type (<[^>]+>) with event definition of type (<[^>]+>) not allowed$/, (t, d) => `不支持带${type(d)}的${type(t)}`],
  [/^Element of type (<[^>]+>) with no event definition not allowed$/, (t) => `不支持没有事件定义的${type(t)}`],
  [/^Element of type (<[^>]+>) not allowed$/, (t) => `不支持${type(t)}`],
  [/^Element of type (<[^>]+>)(?: with .+)? only allowed by Camunda (\S+) or newer$/, (t, v) => `${type(t)}需要 Camunda ${v} 或更高版本`],
  [/^Property (<[^>]+>) is not a valid FEEL expression$/, (p) => `${property(p)}不是合法的 FEEL 表达式`],
  [/^Property (<[^>]+>) must have expression value$/, (p) => `${property(p)}必须是表达式（以 = 开头）`],
  [/^Property (<[^>]+>) must have value of (<[^>]+>)$/, (p, v) => `${property(p)}的值必须是 ${v.slice(1, -1)}`],
  [/^Property (<[^>]+>) only allowed if source is of type (.+)$/, (p, t) => `只有来自${type(t)}的顺序流才能设置${property(p)}`],
  [/^Properties of type (<[^>]+>) have property (<[^>]+>) with duplicate value of <(.+)>$/, (t, p, v) => `${type(t)}的${property(p)}重复：${v}`],
  [/^Expression statement <(.+)> not supported$/, (e) => `不支持表达式 ${e}`],
  [/^Multiple elements of type <bpmn:StartEvent> with no event definition not allowed as children of (<[^>]+>)$/, (t) => `${type(t)}只能有一个空白开始事件`],
  [/^Loop detected: (.+)$/, (ids) => `检测到无等待的循环：${ids}`],
];

/** The Chinese of a lint message, or undefined when it is not in the dictionary (shown as it is, and caught by the browser test). */
export function lintMessageZh(message: string): string | undefined {
  // the server's check results name the rule first (`label-required: …`, lint.ts)
  const text = message.trim().replace(/^[a-z0-9/-]+: /, '');
  for (const [pattern, render] of patterns) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1));
  }
  return undefined;
}

/** 12345 工单 and 好差评: messages of the hotline and rating pages (zh-CN first, English second). */
const zhCN = {
  hotline: {
    menu: '12345 工单', title: '12345 工单受理', form: '来电登记', list: '工单列表', caller: '来电人', phone: '联系电话', category: '诉求类型', urgency: '紧急程度',
    titleField: '诉求标题', content: '诉求内容', location: '发生地点', linkedCase: '关联办件号（可选）', record: '登记工单', recorded: '已登记工单 {number}', merged: '重复来电，已合并到工单 {number}',
    number: '工单号', state: '状态', department: '承办单位', due: '办理时限', dispatch: '派单', dispatchTo: '派往承办单位', coHandlers: '协办单位', answer: '直接答复', answerText: '答复内容',
    confirm: '确定', cancel: '取消', empty: '暂无工单', filter: '状态筛选', refresh: '刷新',
    categories: { consultation: '咨询', help: '求助', complaint: '投诉', suggestion: '建议', report: '举报' },
    urgencies: { normal: '一般', urgent: '紧急' },
    states: { pendingDispatch: '待派单', handling: '办理中', sendBackReview: '退单审核', extensionReview: '延期审核', callBack: '待回访', closed: '已办结', closedDirectly: '直接办结', all: '全部', open: '未办结' },
  },
  rating: {
    title: '好差评', publicTitle: '办事评价', kioskTitle: '窗口服务评价', caseNumber: '办件编号', phone: '申请时留的手机号', comment: '意见建议（可选）', submit: '提交评价',
    thanks: '感谢您的评价！', badFollowUp: '我们会在 15 个工作日内核实整改并回复您。', again: '下一位评价', choose: '请点击您的评价',
    levels: { verySatisfied: '非常满意', satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意', veryDissatisfied: '非常不满意' },
    window: '{window} 号窗口',
  },
};
const en = {
  hotline: {
    menu: '12345 orders', title: '12345 work orders', form: 'Record a call', list: 'Orders', caller: 'Caller', phone: 'Phone', category: 'Category', urgency: 'Urgency',
    titleField: 'Subject', content: 'Request', location: 'Location', linkedCase: 'Related case (optional)', record: 'Record', recorded: 'Order {number} recorded', merged: 'Repeated call merged into order {number}',
    number: 'Order', state: 'State', department: 'Department', due: 'Due', dispatch: 'Dispatch', dispatchTo: 'Lead department', coHandlers: 'Co-handlers', answer: 'Answer now', answerText: 'Answer',
    confirm: 'OK', cancel: 'Cancel', empty: 'No orders', filter: 'State', refresh: 'Refresh',
    categories: { consultation: 'Consultation', help: 'Help', complaint: 'Complaint', suggestion: 'Suggestion', report: 'Report' },
    urgencies: { normal: 'Normal', urgent: 'Urgent' },
    states: { pendingDispatch: 'To dispatch', handling: 'Handling', sendBackReview: 'Send-back review', extensionReview: 'Extension review', callBack: 'Call-back', closed: 'Closed', closedDirectly: 'Answered', all: 'All', open: 'Open' },
  },
  rating: {
    title: 'Ratings', publicTitle: 'Rate our service', kioskTitle: 'Rate this window', caseNumber: 'Case number', phone: 'Mobile given when applying', comment: 'Comment (optional)', submit: 'Submit',
    thanks: 'Thank you for your rating!', badFollowUp: 'We will look into it and reply within 15 working days.', again: 'Next rating', choose: 'Tap your rating',
    levels: { verySatisfied: 'Very satisfied', satisfied: 'Satisfied', basicallySatisfied: 'Fairly satisfied', dissatisfied: 'Dissatisfied', veryDissatisfied: 'Very dissatisfied' },
    window: 'Window {window}',
  },
};

export default { 'zh-CN': zhCN, en };

/** 取号、叫号、大屏: messages of the queue pages (zh-CN first, English second). */
const zhCN = {
  queue: {
    kiosk: '取号', kioskTitle: '自助取号', display: '叫号大屏', choose: '请选择办理的业务', waiting: '等候 {n} 人', wait: '预计等候约 {n} 分钟',
    closed: '暂停取号', idNumber: '身份证号（可选，刷卡或输入）', priority: '绿色通道', none: '无', elderly: '老年人', disabled: '残疾人', military: '军人',
    take: '取号', yourNumber: '您的号码', ahead: '您前面还有 {n} 人', keep: '请留意大屏和语音叫号', again: '继续取号',
    book: '预约', bookTitle: '预约办理', day: '日期', slot: '时段', free: '余 {n}', name: '姓名', phone: '手机号码', bookSubmit: '提交预约',
    booked: '预约成功，预约码', bookedHint: '请于预约当天到大厅自助机签到取号', checkIn: '预约签到', code: '预约码', checkInSubmit: '签到取号',
    panel: '叫号', current: '当前号码', idle: '未叫号', callNext: '叫号', recall: '重呼', skip: '过号', transfer: '转移', finish: '办结',
    pause: '暂停服务', resume: '恢复服务', paused: '窗口已暂停', next: '后续', toQueue: '转到业务', toWindow: '或转到窗口', caseNumber: '关联办件号',
    nobody: '当前无人等候', calling: '请 {number} 号到 {window} 号窗口', calls: '正在叫号', number: '号码', window: '窗口', lengths: '各业务等候人数',
  },
};
const en = {
  queue: {
    kiosk: 'Take a number', kioskTitle: 'Take a number', display: 'Calling display', choose: 'Choose your business', waiting: '{n} waiting', wait: 'About {n} min wait',
    closed: 'Closed', idNumber: 'ID number (optional: swipe or type)', priority: 'Priority lane', none: 'None', elderly: 'Elderly', disabled: 'Disabled', military: 'Military',
    take: 'Take a number', yourNumber: 'Your number', ahead: '{n} ahead of you', keep: 'Watch the display and listen for your number', again: 'Take another',
    book: 'Book', bookTitle: 'Book an appointment', day: 'Day', slot: 'Slot', free: '{n} left', name: 'Name', phone: 'Mobile', bookSubmit: 'Book',
    booked: 'Booked. Appointment code', bookedHint: 'Check in at a hall kiosk on the day', checkIn: 'Check in', code: 'Appointment code', checkInSubmit: 'Check in',
    panel: 'Calling', current: 'Now serving', idle: 'None called', callNext: 'Call next', recall: 'Call again', skip: 'Skip', transfer: 'Transfer', finish: 'Finish',
    pause: 'Pause', resume: 'Resume', paused: 'Window paused', next: 'Next', toQueue: 'To queue', toWindow: 'or to window', caseNumber: 'Case received',
    nobody: 'No one is waiting', calling: 'Number {number} to window {window}', calls: 'Now calling', number: 'Number', window: 'Window', lengths: 'Waiting per queue',
  },
};

export default { 'zh-CN': zhCN, en };

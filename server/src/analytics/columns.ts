import type { Column } from './export.ts';

const figures: Column[] = [
  { key: 'received', zh: '收件数' }, { key: 'throughput', zh: '办结数' }, { key: 'onTimeRate', zh: '按时办结率' },
  { key: 'meanWorkingDaysUsed', zh: '平均用时（工作日）' }, { key: 'meanLegalLimitDays', zh: '平均法定时限（工作日）' },
  { key: 'meanPromisedLimitDays', zh: '平均承诺时限（工作日）' }, { key: 'correctionsPerCase', zh: '件均补正次数' }, { key: 'returnsPerCase', zh: '件均退回次数' },
];

/** The export columns of each report: English keys, Chinese headers. */
export const columns: Record<'bottlenecks' | 'breakdown' | 'approvers' | 'daily' | 'windows', Column[]> = {
  bottlenecks: [
    { key: 'processId', zh: '流程' }, { key: 'processVersion', zh: '版本' }, { key: 'elementId', zh: '环节标识' }, { key: 'name', zh: '环节' },
    { key: 'through', zh: '经办件数' }, { key: 'meanWaitHours', zh: '平均等待（小时）' }, { key: 'meanHandleHours', zh: '平均办理（小时）' },
    { key: 'meanHours', zh: '平均用时（小时）' }, { key: 'p50Hours', zh: 'P50（小时）' }, { key: 'p90Hours', zh: 'P90（小时）' },
    { key: 'meanWorkingDays', zh: '平均用时（工作日）' }, { key: 'overdueShare', zh: '超期比例' }, { key: 'wip', zh: '在办件数' }, { key: 'overdueNow', zh: '当前超期' },
  ],
  breakdown: [{ key: 'key', zh: '分组' }, ...figures],
  approvers: [
    { key: 'key', zh: '审批人' }, { key: 'throughput', zh: '办理环节数' }, { key: 'onTimeRate', zh: '按时率' },
    { key: 'meanWorkingDays', zh: '平均用时（工作日）' }, { key: 'meanHours', zh: '平均用时（小时）' }, { key: 'returnsPerCase', zh: '退回率' },
  ],
  daily: [
    { key: 'day', zh: '日期' }, { key: 'received', zh: '收件数' }, { key: 'completed', zh: '办结数' },
    { key: 'onTimeRate', zh: '按时办结率' }, { key: 'oneWindowRate', zh: '一窗受理率' },
  ],
  windows: [
    { key: 'key', zh: '窗口/人员/大厅' }, { key: 'received', zh: '收件数' }, { key: 'accepted', zh: '受理数' }, { key: 'refused', zh: '不予受理数' },
    { key: 'correctionRequested', zh: '补正件数' }, { key: 'correctionsIssued', zh: '补正告知次数' }, { key: 'meanHoursToDecision', zh: '收件至受理决定平均小时' },
    { key: 'completed', zh: '办结数' }, { key: 'onTimeIssuingRate', zh: '按时出件率' },
  ],
};

import type { Model } from 'mongoose';
import type { Department, HallWindow } from './models.ts';

/** The hall that receives and hands over on the departments' behalf (委托受理, 统一出件). */
export const hall = { name: '中卫市政务服务中心', issuingWindow: '中卫市政务服务中心统一出件窗口' } as const;

/**
 * 12345 政务服务便民热线 of Zhongwei (area code 0955): answers questions on any matter, so it is the
 * 咨询电话 printed when neither the window nor the department has a number of its own.
 */
export const hallHotline = '0955-12345（12345政务服务便民热线）';

export interface IssuingBody {
  /** 实施主体: heads and seals the document (the 行政审批专用章 bears this name). */
  name: string;
  departmentCode: string;
  /** where the applicant collects a certificate */
  issuingWindow: string;
  hall: string;
}

/**
 * One rule for who issues, heads and seals every document of a case (docs/authority.md,
 * DOMAIN.md §6): the responsible department — the implementing body (实施主体) of the matter —
 * never the hall or an approval bureau. In Zhongwei the departments entrust acceptance to the hall
 * and delegate decision and seal powers to their seconded staff, but the decision stays theirs:
 * a 住建 matter's 准予行政许可决定书 is headed and sealed by 中卫市住房和城乡建设局, as its opinion
 * and certificate are.
 */
export function issuingBody(department: Pick<Department, 'nameZh'> | null | undefined, departmentCode: string): IssuingBody {
  return { name: department?.nameZh ?? departmentCode, departmentCode, issuingWindow: hall.issuingWindow, hall: hall.name };
}

/** `issuingBody` for a department looked up by code. */
export async function issuingBodyOf(departments: Model<Department>, departmentCode: string): Promise<IssuingBody> {
  return issuingBody(await departments.findOne({ code: departmentCode }, { nameZh: 1 }).lean<Department>(), departmentCode);
}

/** 咨询电话 on a notice: the receiving window's, else the department's, else the hall's hotline. */
export function consultationPhone(window: Pick<HallWindow, 'consultationPhone'> | null | undefined, department: Pick<Department, 'consultationPhone'> | null | undefined): string {
  return window?.consultationPhone ?? department?.consultationPhone ?? hallHotline;
}

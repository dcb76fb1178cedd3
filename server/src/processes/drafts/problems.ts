import { AppError } from '../../shared/errors.ts';
import type { DraftStatus } from './model.ts';

const statusZh: Record<DraftStatus, string> = { draft: '草稿', submitted: '待审核', rejected: '已退回修改', published: '已发布' };

/** The draft is not in a state that allows the action (another reviewer was faster, say). */
export const draftWrongStatus = (status: DraftStatus, allowed: DraftStatus[], action: string) =>
  new AppError({
    status: 409, code: 'DRAFT_WRONG_STATUS',
    zh: `流程草稿当前为“${statusZh[status]}”，不能${action}`,
    en: `The draft is ${status}; only a draft that is ${allowed.join(' or ')} allows this`,
    fields: [{ field: 'status', message: `is ${status}, needs ${allowed.join(' or ')}` }],
  });

/** A draft keeps the process id it was created for (versions are per process id). */
export const draftProcessIdChanged = (was: string, now: string) =>
  new AppError({
    status: 422, code: 'DRAFT_PROCESS_ID_CHANGED',
    zh: `草稿的流程标识不能从 ${was} 改为 ${now}，请另建草稿`,
    en: `A draft keeps its process id (${was}); ${now} needs a draft of its own`,
    fields: [{ field: now, message: `the draft is for process ${was}` }],
  });

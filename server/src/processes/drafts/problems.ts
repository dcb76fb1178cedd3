import { problem } from '../../shared/errors.ts';
import type { DraftStatus } from './model.ts';

/** The draft is not in a state that allows the action (another reviewer was faster, say). */
export const draftWrongStatus = (status: DraftStatus, allowed: DraftStatus[], actionZh: string) =>
  problem('DRAFT_WRONG_STATUS', { params: { status, allowed, actionZh }, fields: [{ field: 'status', message: `is ${status}, needs ${allowed.join(' or ')}` }] });

/** A draft keeps the process id it was created for (versions are per process id). */
export const draftProcessIdChanged = (was: string, now: string) =>
  problem('DRAFT_PROCESS_ID_CHANGED', { params: { was, now }, fields: [{ field: now, message: `the draft is for process ${was}` }] });

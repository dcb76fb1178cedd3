import { ability, subject } from '../../auth/ability.ts';
import type { DraftSummary } from './process-api.ts';

/** Whether the draft may still be changed and submitted (a draft, or sent back). */
export const maySubmit = (draft: DraftSummary | undefined) => !!draft && ['draft', 'rejected'].includes(draft.status);

/** Whether the user may publish or send back the draft: submitted, and the rules give `deploy` (never to its author, but the system admin). */
export const mayReview = (draft: DraftSummary | undefined) => !!draft && draft.status === 'submitted'
  && ability.can('deploy', subject('Process', { processId: draft.processId, departmentCode: draft.departmentCode, authorId: draft.authorId }) as never);

/**
 * Version 2 of the single-department process for the migration tests: the review step renamed
 * (new id `substantiveReview`, new name 实质审查). Only the element id and the references to it
 * change — the step header stays `review`, so the approver's board and actions are the same.
 */
export const RENAMED_REVIEW = 'substantiveReview';

export function withReviewRenamed(v1: string): string {
  const v2 = v1.replace(/(\b(?:id|sourceRef|targetRef|attachedToRef|bpmnElement)=")review"/g, `$1${RENAMED_REVIEW}"`)
    .replace('name="审查"', 'name="实质审查"');
  if (v2 === v1 || !v2.includes(`id="${RENAMED_REVIEW}"`)) throw new Error('the review step was not found to rename');
  return v2;
}

/** Mapping instructions from `{ old: new }`. */
export const mappingOf = (pairs: Record<string, string>) => Object.entries(pairs).map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));

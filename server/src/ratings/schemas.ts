import { z } from 'zod';
import { paging, queryObject } from '../shared/http.ts';
import { ratingDimensions, ratingLevels, rectificationStates } from './model.ts';

const caseNumber = z.string().regex(/^[A-Z0-9-]{4,40}$/);
const dimensions = z.partialRecord(z.enum(ratingDimensions), z.enum(ratingLevels)).default({});
const comment = z.string().trim().max(500).optional();

/** 网上评价: the case number and the phone the applicant gave at intake (the check). */
export const publicRatingBody = z.strictObject({ caseNumber, phone: z.string().regex(/^1\d{10}$/, 'the mobile number given at intake'), level: z.enum(ratingLevels), dimensions, comment });
/** 现场评价 at the window's device. */
export const windowRatingBody = z.strictObject({ caseNumber, level: z.enum(ratingLevels), dimensions, comment });
export const windowParams = z.strictObject({ window: z.string().regex(/^[A-Z]\d{2}$/) });

export { contestBody, rectifyBody, reviewContestBody } from './step-bodies.ts';

export const ratingListQuery = queryObject({
  ...paging,
  bad: z.enum(['true', 'false']).optional(),
  rectification: z.enum(rectificationStates).optional(),
});

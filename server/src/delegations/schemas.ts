import { z } from 'zod';
import { paging, queryObject } from '../shared/http.ts';

import { code, objectId } from './grant.schema.ts';

export { grantBody, objectId, type GrantBody } from './grant.schema.ts';

export const revokeBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const listQuery = queryObject({
  granteeId: objectId.optional(),
  departmentCode: code.optional(),
  active: z.enum(['true', 'false']).optional().describe('only delegations in force now (true) or not in force (false)'),
  ...paging,
});
export type ListQuery = z.infer<typeof listQuery>;

import { z } from 'zod';
import { assertCan, subjectOf, type Authority } from '../authz/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { Api } from '../shared/http.ts';
import { matterBodySchema } from './matter.schema.ts';
import type { CatalogModels } from './models.ts';

const codeParams = z.strictObject({ code: z.string().regex(/^[a-z0-9_]{2,40}$/) });

/**
 * Department admins keep their own department's matters (CASL: create/update Matter on
 * `departmentCode`). A matter's code and department never change; a new version of its process is
 * bound by naming the process id (latest) or pinning a version.
 */
export function matterAdminRoutes(api: Api, deps: { models: CatalogModels; authority: Authority }): void {
  const { matters, departments } = deps.models;

  const assertDepartment = async (code: string) => {
    if (!(await departments.exists({ code }))) {
      throw problem('UNKNOWN_DEPARTMENT', { params: { code }, fields: [{ field: 'body.departmentCode', message: 'unknown department' }] });
    }
  };

  api.add({
    method: 'post', path: '/api/matters', tag: 'catalog', access: 'user', ask: ['create', 'Matter'], status: 201,
    summary: 'Add a matter to the own department’s catalogue (department admin)',
    body: matterBodySchema,
    handler: async ({ req, body }) => {
      assertCan(await deps.authority.abilityOf(req), 'create', subjectOf('Matter', body));
      await assertDepartment(body.departmentCode);
      await matters.create(body);
      return body;
    },
  });

  api.add({
    method: 'put', path: '/api/matters/:code', tag: 'catalog', access: 'user', ask: ['update', 'Matter'],
    summary: 'Replace a matter of the own department (materials, limits, flags, process binding)',
    params: codeParams, body: matterBodySchema,
    handler: async ({ req, params, body }) => {
      const existing = await matters.findOne({ code: params.code }).lean();
      if (!existing) throw notFound('matter');
      const ability = await deps.authority.abilityOf(req);
      assertCan(ability, 'update', subjectOf('Matter', existing));
      if (body.code !== params.code || body.departmentCode !== existing.departmentCode) {
        throw problem('MATTER_IDENTITY_FIXED', { fields: [{ field: body.code !== params.code ? 'body.code' : 'body.departmentCode', message: 'fixed' }] });
      }
      await matters.replaceOne({ code: params.code }, body);
      return body;
    },
  });
}

import { z } from 'zod';
import { notFound } from '../shared/errors.ts';
import { paging, queryObject, type Api } from '../shared/http.ts';
import type { CatalogModels } from './models.ts';
import { handlingTypes, matterTypes } from './vocabulary.ts';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const matterQuery = queryObject({
  q: z.string().trim().min(1).max(100).optional().describe('name (Chinese or English), code or keyword'),
  department: z.string().regex(/^[a-z]+$/).max(32).optional(),
  type: z.enum(Object.keys(matterTypes) as [keyof typeof matterTypes]).optional(),
  handlingType: z.enum(Object.keys(handlingTypes) as [keyof typeof handlingTypes]).optional(),
  ...paging,
});

/** Read-only catalogue routes; any signed-in user may read the hall's catalogue. */
export function catalogRoutes(api: Api, models: CatalogModels): void {
  const list = (path: string, summary: string, find: () => Promise<unknown[]>) =>
    api.add({ method: 'get', path, tag: 'catalog', access: 'user', ask: ['read', 'Department'], summary, query: queryObject({}), handler: async () => ({ items: await find() }) });

  list('/api/departments', 'Departments with their back offices', () => models.departments.find({}, { _id: 0, __v: 0 }).sort({ code: 1 }).lean());
  list('/api/offices', 'Back-office approval offices (后台审批办公室)', () => models.offices.find({}, { _id: 0, __v: 0 }).sort({ code: 1 }).lean());
  list('/api/windows', 'The hall windows by group and category', () => models.windows.find({}, { _id: 0, __v: 0 }).sort({ number: 1 }).lean());
  list('/api/zones', 'Functional zones of the hall', () => models.zones.find({}, { _id: 0, __v: 0 }).sort({ code: 1 }).lean());

  api.add({
    method: 'get', path: '/api/matters', tag: 'catalog', access: 'user', ask: ['read', 'Matter'],
    summary: 'Search matters by name or code; filter by department, type and handling type',
    query: matterQuery,
    handler: async ({ query }) => {
      const filter: Record<string, unknown> = {};
      if (query.department) filter.departmentCode = query.department;
      if (query.type) filter.typeCode = query.type;
      if (query.handlingType) filter.handlingType = query.handlingType;
      if (query.q) {
        const pattern = new RegExp(escapeRegex(query.q), 'i');
        filter.$or = [{ nameZh: pattern }, { nameEn: pattern }, { code: pattern }, { basicCode: pattern }, { implementationCode: pattern }, { keywords: pattern }];
      }
      const [items, total] = await Promise.all([
        models.matters.find(filter, { _id: 0, __v: 0 }).sort({ code: 1 })
          .skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
        models.matters.countDocuments(filter),
      ]);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  });

  api.add({
    method: 'get', path: '/api/matters/:code', tag: 'catalog', access: 'user', ask: ['read', 'Matter'],
    summary: 'One matter with its materials, limits and process binding',
    params: z.strictObject({ code: z.string().regex(/^[a-z0-9_]{2,40}$/) }),
    query: queryObject({}),
    handler: async ({ params }) => {
      const matter = await models.matters.findOne({ code: params.code }, { _id: 0, __v: 0 }).lean();
      if (!matter) throw notFound('matter');
      return matter;
    },
  });
}

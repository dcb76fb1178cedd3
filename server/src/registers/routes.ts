import type { Request, Response } from 'express';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Authority } from '../authz/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import { paging, queryObject, type Api } from '../shared/http.ts';
import { toCsv, type Column } from './csv.ts';
import { deadlineState, deadlineStates } from './deadline.ts';
import { caseColumns, caseReads, certificates, commonQuery, sealUses, supervisions, type CaseRow, type Register } from './registers.ts';
import { registerScope } from './scope.ts';

export interface RegisterDeps {
  db: Connection;
  authority: Authority;
  calendar: CalendarService;
  today: () => string;
}

/** An export holds at most this many rows; narrow the filters for more. */
const EXPORT_MAX = 10_000;

function sendCsv<R>(res: Response, name: string, today: string, columns: Column<R>[], rows: R[]): void {
  res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}-${today}.csv"`)
    .set('Cache-Control', 'private, no-store').send(toCsv(columns, rows));
}

/**
 * The supervisors' registers (督查): seal uses, certificates, cases by deadline state, 督办 records —
 * each a JSON list (filters, paging) and a CSV export with the same filters, guarded by the ability
 * (director, system admin, department admin for their department).
 */
export function registerRoutes(api: Api, deps: RegisterDeps): void {
  const add = <Q extends { departmentCode?: string }, D, R>(register: Register<Q, D, R>) => {
    const model = register.model(deps.db);
    const find = async (req: Request, query: Q, limit: number, skip: number) => {
      const filter = await registerScope(deps.authority, req, query.departmentCode, register.filter(query, deps.today()));
      const [docs, total] = await Promise.all([model.find(filter).sort(register.sort).skip(skip).limit(limit).lean<D[]>(), model.countDocuments(filter)]);
      return { items: docs.map(register.row), total };
    };
    api.add({
      method: 'get', path: `/api/registers/${register.name}`, tag: 'registers', access: 'user', ask: ['read', 'Register'], summary: register.summary,
      query: queryObject({ ...register.query, ...paging }) as unknown as z.ZodType<Q & { page: number; pageSize: number }>,
      handler: async ({ req, query }) => ({ ...(await find(req, query, query.pageSize, (query.page - 1) * query.pageSize)), page: query.page, pageSize: query.pageSize }),
    });
    api.add({
      method: 'get', path: `/api/registers/${register.name}/export`, tag: 'registers', access: 'user', ask: ['read', 'Register'], produces: 'text/csv',
      summary: `${register.summary} — CSV export (UTF-8, at most ${EXPORT_MAX} rows)`,
      query: queryObject(register.query) as unknown as z.ZodType<Q>,
      handler: async ({ req, res, query }) => sendCsv(res, register.name, deps.today(), register.columns, (await find(req, query, EXPORT_MAX, 0)).items),
    });
  };
  add(sealUses);
  add(certificates);
  add(supervisions);
  casesByDeadline(api, deps);
}

/** Open cases with their deadline state (yellow/red), by department and matter. */
function casesByDeadline(api: Api, deps: RegisterDeps): void {
  const cases = caseReads(deps.db);
  const shape = { departmentCode: commonQuery.departmentCode, matterCode: commonQuery.matterCode, deadline: z.enum(deadlineStates).optional().describe('red: overdue; yellow: warning; paused; normal') };
  type Query = { departmentCode?: string; matterCode?: string; deadline?: (typeof deadlineStates)[number] };
  const rows = async (req: Request, query: Query): Promise<CaseRow[]> => {
    const filter = await registerScope(deps.authority, req, query.departmentCode, { status: 'accepted', ...(query.matterCode ? { matterCode: query.matterCode } : {}) });
    const open = await cases.find(filter, { caseNumber: 1, matterCode: 1, matterName: 1, departmentCode: 1, stage: 1, acceptedOn: 1, dueDate: 1, pauses: 1 }).lean();
    const calendar = await deps.calendar.calendar();
    const today = deps.today();
    // the state depends on today and the calendar, so it is worked out here, not stored
    return open.map((c) => ({
      caseNumber: c.caseNumber, matterCode: c.matterCode, matterName: c.matterName, departmentCode: c.departmentCode, stage: c.stage,
      acceptedOn: c.acceptedOn, dueDate: c.dueDate, deadlineState: deadlineState(calendar, c, today),
    })).filter((c) => !query.deadline || c.deadlineState === query.deadline)
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.caseNumber.localeCompare(b.caseNumber));
  };
  api.add({
    method: 'get', path: '/api/registers/cases', tag: 'registers', access: 'user', ask: ['read', 'Register'],
    summary: 'Open cases with their deadline state (red overdue, yellow warning), filterable by state, department and matter; most urgent first',
    query: queryObject({ ...shape, ...paging }),
    handler: async ({ req, query }) => {
      const all = await rows(req, query);
      return { items: all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize), total: all.length, page: query.page, pageSize: query.pageSize };
    },
  });
  api.add({
    method: 'get', path: '/api/registers/cases/export', tag: 'registers', access: 'user', ask: ['read', 'Register'], produces: 'text/csv',
    summary: 'Open cases with their deadline state — CSV export', query: queryObject(shape),
    handler: async ({ req, res, query }) => sendCsv(res, 'cases', deps.today(), caseColumns, (await rows(req, query)).slice(0, EXPORT_MAX)),
  });
}

import type { Connection } from 'mongoose';
import type { Authority } from '../authz/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import { readableCase } from '../casefile/index.ts';
import { caseNumberParams } from '../intake/schemas.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { forecastOf } from './forecast.ts';

/** 流程预测, as visible as the case (404 for a case the user may not read). */
export function forecastRoutes(api: Api, deps: { db: Connection; authority: Authority; calendar: CalendarService; clock?: () => Date }): void {
  api.add({
    method: 'get', path: '/api/cases/:caseNumber/forecast', tag: 'forecast', access: 'user', ask: ['read', 'Case'],
    summary: '流程预测: the steps still to come on the case\'s process version, their holders and due working days',
    params: caseNumberParams, query: queryObject({}),
    handler: async ({ req, params }) => {
      const found = await readableCase(deps.db, await deps.authority.abilityOf(req), params.caseNumber);
      return forecastOf(deps.db, deps.calendar, found, (deps.clock ?? (() => new Date()))());
    },
  });
}

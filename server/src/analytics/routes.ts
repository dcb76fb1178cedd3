import type { Request } from 'express';
import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import { catalogModels } from '../catalog/index.ts';
import type { Api } from '../shared/http.ts';
import type { Connection } from 'mongoose';
import type { Analytics } from './analytics.ts';
import { columns } from './columns.ts';
import { sendTable } from './export.ts';
import { drillDown } from './drill-down.ts';
import { bottlenecks, breakdown, hallFigures, windowAssessment } from './reports.ts';
import { bottleneckQuery, breakdownQuery, drillQuery, hallQuery, windowsQuery } from './schemas.ts';
import { scopedFilter } from './scope.ts';

export interface AnalyticsRouteDeps {
  db: Connection;
  analytics: Analytics;
  authority: Authority;
  clock?: () => Date;
}

/** The director's reports (驾驶舱), read from the roll-ups; each as JSON or downloaded as CSV / XLSX. */
export function analyticsRoutes(api: Api, deps: AnalyticsRouteDeps): void {
  const now = () => (deps.clock ?? (() => new Date()))();
  const matters = catalogModels(deps.db).matters;
  let matterCount: { at: number; n: Promise<number> } | undefined;
  const mattersInCatalogue = () => {
    if (!matterCount || Date.now() - matterCount.at > 60_000) matterCount = { at: Date.now(), n: matters.estimatedDocumentCount().exec() };
    return matterCount.n;
  };
  const prepare = async <F extends object>(req: Request, query: F) => {
    const filter = scopedFilter(await deps.authority.abilityOf(req), principalOf(req), query);
    await deps.analytics.ready();
    return filter;
  };

  api.add({
    method: 'get', path: '/api/analytics/bottlenecks', tag: 'analytics', access: 'user', ask: ['read', 'Report'], produces: 'application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    summary: '瓶颈: per process version × element — cases through, waiting (created → claimed), handling (claimed → completed), mean/p50/p90 hours, working days, overdue share, work in progress now',
    query: bottleneckQuery,
    handler: async ({ req, res, query }) => {
      const { format, ...filter } = await prepare(req, query);
      const items = bottlenecks(deps.analytics, filter, now());
      if (format === 'json') return { items };
      await sendTable(res, 'bottlenecks', columns.bottlenecks, items, format);
    },
  });

  api.add({
    method: 'get', path: '/api/analytics/breakdown', tag: 'analytics', access: 'user', ask: ['read', 'Report'], produces: 'application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    summary: 'Per matter, department, window, zone (cases by day of receipt) or approver (steps by day of completion): throughput, on-time rate, working days against the legal and promised limits, corrections and returns per case',
    query: breakdownQuery,
    handler: async ({ req, res, query }) => {
      const { format, by, ...filter } = await prepare(req, query);
      const items = breakdown(deps.analytics, by, filter);
      if (format === 'json') return { by, items };
      await sendTable(res, `breakdown-${by}`, by === 'approver' ? columns.approvers : columns.breakdown, items, format);
    },
  });

  api.add({
    method: 'get', path: '/api/analytics/hall', tag: 'analytics', access: 'user', ask: ['read', 'Report'], produces: 'application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    summary: '大厅指标: one-window rate (target ≥ 80%), entry rate (≥ 90%), 即办件 share, 容缺/承诺 usage and kept promises, outcomes, daily series, slowest steps and departments, the overdue list (the export holds the daily series)',
    query: hallQuery,
    handler: async ({ req, res, query }) => {
      const { format, ...filter } = await prepare(req, query);
      const figures = hallFigures(deps.analytics, filter, now(), await mattersInCatalogue());
      if (format === 'json') return figures;
      await sendTable(res, 'hall-daily', columns.daily, figures.daily, format);
    },
  });

  api.add({
    method: 'get', path: '/api/analytics/windows', tag: 'analytics', access: 'user', ask: ['read', 'Report'], produces: 'application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    summary: '窗口考核: per window, per clerk and per (sub-)hall — cases received, outcomes, corrections issued, hours from receipt to decision, on-time issuing (the export holds the chosen view)',
    query: windowsQuery,
    handler: async ({ req, res, query }) => {
      const { format, view, ...filter } = await prepare(req, query);
      const assessment = windowAssessment(deps.analytics, filter);
      if (format === 'json') return assessment;
      await sendTable(res, `windows-${view}`, columns.windows, assessment[`${view}s` as const], format);
    },
  });

  api.add({
    method: 'get', path: '/api/analytics/element-cases', tag: 'analytics', access: 'user', ask: ['read', 'Report'],
    summary: 'Drill-down from a diagram element: the cases waiting there now and the latest 100 that passed it, slowest first',
    query: drillQuery,
    handler: async ({ req, query }) => drillDown(deps.analytics, await prepare(req, query), now()),
  });
}

import express, { type Express } from 'express';
import type { Connection } from 'mongoose';
import { AuditTrail, auditRoutes } from './audit/index.ts';
import { authenticate, authRoutes, displayNameOf, principalForUser, revokedSessions, userRoutes, type AuthDeps, type TokenService } from './auth/index.ts';
import { auditRefusals, authority as buildAuthority, authzRoutes, routeGuard, type Authority } from './authz/index.ts';
import { catalogModels, catalogRoutes, matterAdminRoutes } from './catalog/index.ts';
import { delegationRoutes, delegationService } from './delegations/index.ts';
import { CalendarService, calendarRoutes, todayInHall } from './calendar/index.ts';
import { handOverRoutes, issuingRoutes } from './issuing/index.ts';
import { queueRoutes } from './queue/index.ts';
import { bundleModels, bundleOfMember, bundleRoutes, type BundleFeature } from './bundles/index.ts';
import { DocumentService, documentRoutes, type PdfRenderer } from './documents/index.ts';
import { healthRoutes, type HealthCheck } from './health/routes.ts';
import { caseReads, IntakeService, intakeRoutes, RenderAdmission, type IntakeDeps } from './intake/index.ts';
import { hallJobTypes } from './jobs/index.ts';
import { migrationFeature, processesFeature, type ProcessesDeps, type ProcessService } from './processes/index.ts';
import { monitoringRoutes, supervisionOrders, supervisionRoutes } from './monitoring/index.ts';
import { Analytics, analyticsRoutes } from './analytics/index.ts';
import { approvalRoutes, claimTask, completeTask, recordCompletion, recoverCompletions } from './approval/index.ts';
import { hotlineFeature, keepRawBody, type HotlineFeature, type HotlineSettings } from './hotline/index.ts';
import { incidentsFeature } from './incidents/index.ts';
import type { WorkflowEngine } from './engine/index.ts';
import { TaskBoard, taskRoutes, type TaskStream } from './tasks/index.ts';
import type { Config } from './shared/config.ts';
import { Api } from './shared/http.ts';
import type { Logger } from './shared/logger.ts';
import { buildOpenApi } from './shared/openapi.ts';
import { problemHandler, routeNotFound } from './shared/problem.ts';
import { registerRoutes } from './registers/index.ts';
import { casefileFeature } from './casefile/index.ts';
import { forecastRoutes } from './forecast/index.ts';
import { phraseRoutes } from './phrases/index.ts';
import { securityHeaders } from './shared/security-headers.ts';
import { topologyParts, type Topology } from './topology/parts.ts';
import { modelerStatic } from './web/static.ts';

export interface AppDeps {
  config: Pick<Config, 'BODY_LIMIT'> & Partial<Pick<Config, 'ONEWINDOW_INTAKE_MAX_RENDER_BACKLOG'>>;
  db: Connection;
  logger: Logger;
  tokens: TokenService;
  health: Record<string, HealthCheck>;
  /** Session and lockout settings (refresh-token life, failures before a lock, lock time). */
  authPolicy?: AuthDeps['policy'];
  /** The time authority and sessions see; tests move it (delegation validity, token expiry). */
  clock?: () => Date;
  /** PDF rendering (a Chromium pool) and the public address printed on documents; without it documents cannot be issued. */
  documents?: { renderer: PdfRenderer; publicBaseUrl: string | (() => string) };
  /** Process publishing (deploys through the engine port); its routes are mounted only when given. */
  /** The publishing routes; the job types they accept are the hall's (jobs/index.ts) unless given. */
  processes?: Omit<ProcessesDeps, 'db' | 'jobTypes'> & Partial<Pick<ProcessesDeps, 'jobTypes'>>;
  /** Intake (统一收件): how notices are issued and processes started; its routes are mounted only when given. */
  intake?: Omit<IntakeDeps, 'db' | 'calendar' | 'notices'>;
  /** The workflow engine: the task board follows its user tasks and the approval actions complete them; mounted only when given. */
  engine?: WorkflowEngine;
  /** Which in-process parts run (topology/parts.ts); default `single`. */
  topology?: Topology;
  /** 12345 and 好差评: the provincial platform link and the rectification limit (with an engine). */
  hotline?: HotlineSettings;
  /** A local FerretDB's SQLite directory: the board index reads its file at start (tasks/board-load.ts). */
  ferretdbSqliteDir?: string;
}

export const API_VERSION = '0.1.0';

/** The services the app built, for the composition root to hand to job workers. */
export interface AppServices {
  authority: Authority;
  calendar: CalendarService;
  documents: DocumentService;
  delegations: ReturnType<typeof delegationService>;
  trail: AuditTrail;
  intake?: IntakeService;
  processes?: ProcessService;
  board?: TaskBoard;
  /** The board's live stream (GET /api/tasks/stream); ended on stop. */
  taskStream?: TaskStream;
  /** The director's facts and roll-ups (with an engine). */
  analytics?: Analytics;
  /** Completions a killed server left half done, taken up at start (after the engine redelivered its events). */
  recoverCompletions?: () => Promise<number>;
  /** 12345 work orders and 好差评 (with an engine). */
  hotline?: HotlineFeature;
  /** 一件事一次办 (with an engine): its sweep of half-received bundles runs at start and with the timers. */
  bundles?: BundleFeature;
}

/** Builds the Express app from its dependencies; never listens (main.ts does). */
export function buildApp(deps: AppDeps): { app: Express; api: Api; services: AppServices } {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.set('query parser', 'simple');
  app.use(express.json({ limit: deps.config.BODY_LIMIT, strict: true, verify: keepRawBody }));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => deps.logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request'));
    next();
  });

  // sign-out tells this list at once; authentication asks it (by _id on a miss) on every request
  const revoked = revokedSessions({ db: deps.db, tokenTtlSeconds: deps.tokens.ttlSeconds });
  const trail = new AuditTrail(deps.db);
  const delegations = delegationService({ db: deps.db, trail, clock: deps.clock });
  const catalog = catalogModels(deps.db);
  const authority = buildAuthority({
    delegationsOf: delegations.activeFor, principalOf: (id) => principalForUser(deps.db, id), clock: deps.clock,
    windowOf: (number) => catalog.windows.findOne({ number }).lean(),
  });
  // every signed-in route's `ask` goes to the authority before its input is read (authz/route-guard.ts)
  const api = new Api(authenticate(deps.tokens, revoked), routeGuard(authority));
  healthRoutes(api, deps.health);
  authRoutes(api, { db: deps.db, tokens: deps.tokens, audit: trail, policy: deps.authPolicy, clock: deps.clock, revoked });
  authzRoutes(api, { authority });
  userRoutes(api, { db: deps.db, authority, audit: trail, revoked });
  delegationRoutes(api, { delegations, authority });
  auditRoutes(api, { db: deps.db, trail, authority });
  catalogRoutes(api, catalog);
  matterAdminRoutes(api, { models: catalog, authority });
  const processes = deps.processes ? processesFeature(api, { db: deps.db, authority, trail, jobTypes: () => hallJobTypes, ...deps.processes }) : undefined;
  // 流程实例迁移: running cases moved to another version (processes/migration/)
  if (deps.engine) migrationFeature(api, { db: deps.db, engine: deps.engine, authority, trail });
  const calendar = new CalendarService({ db: deps.db });
  calendarRoutes(api, { calendar, authority });
  const parts = topologyParts(deps.topology ?? 'single', deps.db);
  const documents = new DocumentService({ db: deps.db, renderer: deps.documents?.renderer, publicBaseUrl: deps.documents?.publicBaseUrl, clock: deps.clock });
  const cases = caseReads(deps.db);
  documentRoutes(api, {
    documents, authority,
    caseOf: (caseNumber) => cases.findOne({ caseNumber }, { departmentCode: 1, matterCode: 1, receivedBy: 1, stage: 1 }).lean(),
  });
  const analytics = deps.engine ? new Analytics({ db: deps.db, calendar, clock: deps.clock, logger: deps.logger }) : undefined;
  const intake = deps.intake ? new IntakeService({ db: deps.db, calendar, notices: documents, clock: deps.clock, onCaseSaved: analytics?.onCase, ...deps.intake }) : undefined;
  if (intake) intakeRoutes(api, { intake, authority, limiter: parts.limiter, admission: new RenderAdmission(() => documents.backlog(), deps.config.ONEWINDOW_INTAKE_MAX_RENDER_BACKLOG) });
  issuingRoutes(api, { db: deps.db, authority, today: () => todayInHall((deps.clock ?? (() => new Date()))()) });
  queueRoutes(api, { db: deps.db, calendar, authority, clock: deps.clock, caseExists: async (caseNumber) => Boolean(await cases.exists({ caseNumber })), limiter: parts.limiter });
  registerRoutes(api, { db: deps.db, authority, calendar, today: () => todayInHall((deps.clock ?? (() => new Date()))()) });
  const board = deps.engine ? new TaskBoard({ db: deps.db, calendar, clock: deps.clock, memoryIndex: parts.boardMemoryIndex, ferretdbSqliteDir: deps.ferretdbSqliteDir }) : undefined;
  let recover: (() => Promise<number>) | undefined;
  let taskStream: TaskStream | undefined;
  let hotline: HotlineFeature | undefined;
  let bundles: BundleFeature | undefined;
  if (deps.engine && board) {
    deps.engine.onUserTask(board.onUserTask);
    deps.engine.onTaskMigrated(board.onTaskMigrated);
    taskStream = taskRoutes(api, { board, authority }).stream;
    const approvalDeps = { db: deps.db, engine: deps.engine, board, authority, documents, trail, logger: deps.logger, delegationsOf: delegations.activeFor, clock: deps.clock };
    recover = () => recoverCompletions(approvalDeps);
    approvalRoutes(api, approvalDeps);
    monitoringRoutes(api, { db: deps.db, engine: deps.engine, authority });
    supervisionRoutes(api, { orders: supervisionOrders({ db: deps.db, calendar, trail, board, clock: deps.clock }), authority });
    board.completionRecorder = (key) => recordCompletion(approvalDeps, key);
    incidentsFeature(api, { db: deps.db, engine: deps.engine, authority, trail });
    // the task page: case record, path and 审批表; 流程预测; 常用语
    casefileFeature(api, { db: deps.db, engine: deps.engine, authority, documents, board, delegationsOf: delegations.activeFor, clock: deps.clock });
    forecastRoutes(api, { db: deps.db, authority, calendar, clock: deps.clock });
    phraseRoutes(api, { db: deps.db, authority });
    // after the board's listener, so a completion's fact reads who claimed and completed the task
    deps.engine.onUserTask(analytics!.onUserTask);
    analyticsRoutes(api, { db: deps.db, analytics: analytics!, authority, clock: deps.clock });
    // 12345 work orders and 好差评 (issue 18): their steps use the board's claim and completion
    hotline = hotlineFeature(api, {
      ...deps.hotline, db: deps.db, engine: deps.engine, calendar, trail, authority, board, logger: deps.logger, clock: deps.clock, limiter: parts.limiter,
      boardActions: { claim: (a, p, t) => claimTask(approvalDeps, a, p, t), complete: (p, t, o, v, d) => completeTask(approvalDeps, p, t, o, v, d) },
    });
    if (intake) {
      handOverRoutes(api, {
        authority, intake, board, complete: (principal, task, outcome, variables, data) => completeTask(approvalDeps, principal, task, outcome, variables, data), nameOf: (principal) => displayNameOf(deps.db, principal),
        bundleOf: bundleOfMember(bundleModels(deps.db)),
      });
      // 一件事一次办: member cases through intake, the bundle process told of each member's decision
      bundles = bundleRoutes(api, {
        db: deps.db, authority, intake, notices: documents, engine: deps.engine, board, limiter: parts.limiter, warn: (fields, message) => deps.logger.warn(fields, message),
        complete: (principal, task, outcome, variables, data) => completeTask(approvalDeps, principal, task, outcome, variables, data), nameOf: (principal) => displayNameOf(deps.db, principal),
      });
      deps.engine.onEvent(bundles.onEvent);
    }
  }
  api.add({
    method: 'get', path: '/api/openapi.json', tag: 'meta', access: 'public',
    summary: 'This API described in OpenAPI 3.1, generated from the route declarations',
    handler: () => buildOpenApi(api.routes, API_VERSION),
  });

  app.use(api.router);
  app.use(modelerStatic());
  app.use(routeNotFound);
  app.use(auditRefusals(trail, deps.logger));
  app.use(problemHandler(deps.logger));
  return { app, api, services: { authority, calendar, documents, delegations, trail, intake, processes, board, taskStream, analytics, recoverCompletions: recover, hotline, bundles } };
}

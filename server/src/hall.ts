import type { Express } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp, type AppDeps, type AppServices } from './app.ts';
import type { WorkflowEngine } from './engine/index.ts';
import { caseEndListener, caseProgressListener, caseStepMigratedListener, engineProcessStarter, IntakeTimers } from './intake/index.ts';
import { hallJobTypes, registerJobWorkers } from './jobs/index.ts';
import { outboxNotifier, supervisionLog } from './notifications/index.ts';
import type { ProcessService } from './processes/index.ts';
import { keepFerretIdIndexes } from './shared/ferretdb-ids.ts';

export const workflowsDir = fileURLToPath(new URL('../../workflows/', import.meta.url));

export interface HallDeps extends Omit<AppDeps, 'intake' | 'processes'> {
  engine: WorkflowEngine;
  /** How often the intake deadlines are swept (default one minute); 0 = only when `timers.sweep()` is called. */
  sweepEveryMs?: number;
  /** Data directory of a local FerretDB on SQLite: the `_id` index it lacks is added (shared/ferretdb-ids.ts). */
  ferretdbSqliteDir?: string;
}

export interface Hall {
  app: Express;
  services: AppServices;
  engine: WorkflowEngine;
  timers: IntakeTimers;
  /** Starts the engine (it picks up every instance where it stood), deploys the shipped workflows, starts the timers. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root of the hall, used by main.ts and by the end-to-end tests alike: the app, the
 * job workers of every feature registered on the engine, the listeners that keep cases in step
 * with their user tasks, and the intake timers.
 */
export function composeHall(deps: HallDeps): Hall {
  const { app, services } = buildApp({
    ...deps,
    intake: { processes: engineProcessStarter(deps.engine), notifier: outboxNotifier(deps.db) },
    processes: { engine: deps.engine, jobTypes: () => hallJobTypes },
  });
  const intake = services.intake!;
  registerJobWorkers(deps.engine, {
    db: deps.db, intake, documents: services.documents, authority: services.authority, trail: services.trail, clock: deps.clock,
    notifier: outboxNotifier(deps.db), supervision: supervisionLog(deps.db),
  });
  const board = services.board;
  deps.engine.onUserTask(caseProgressListener(intake, async (key) => (board ? board.tasks.findById(key, { caseNumber: 1, closedAt: 1 }).lean() : null)));
  deps.engine.onEvent(caseEndListener(intake));
  deps.engine.onTaskMigrated(caseStepMigratedListener(intake));
  // after the case's own end listener: the director's case fact reads the case as it ended
  if (services.analytics) deps.engine.onEvent(services.analytics.onEvent);
  const timers = new IntakeTimers(intake, { logger: deps.logger });
  let idIndexes = { stop() {} };
  // 12345 and 好差评 (issue 18): orders follow their process; unstarted rectifications and undelivered platform replies are swept
  const hotline = services.hotline;
  if (hotline) deps.engine.onUserTask(hotline.listener);
  let hotlineSweep: NodeJS.Timeout | undefined;
  const sweepHotline = () => hotline?.sweep().catch((err: unknown) => deps.logger.warn({ err }, 'hotline sweep failed'));
  // 一件事: bundles a crash left half received are finished (bundles/recovery.ts)
  let bundleSweep: NodeJS.Timeout | undefined;
  const sweepBundles = () => services.bundles?.sweep().catch((err: unknown) => deps.logger.warn({ err }, 'bundle sweep failed'));
  return {
    app, services, engine: deps.engine, timers,
    async start() {
      await deps.engine.start();
      await services.recoverCompletions?.();
      await deployShippedWorkflows(services.processes!);
      await timers.sweep();
      if (deps.sweepEveryMs !== 0) timers.start(deps.sweepEveryMs ?? 60_000);
      await sweepHotline();
      if (deps.sweepEveryMs !== 0) hotlineSweep = setInterval(sweepHotline, deps.sweepEveryMs ?? 60_000);
      // the director's roll-ups: loaded from their snapshot in the background, snapshotted periodically
      services.analytics?.keepSnapshots();
      await sweepBundles();
      if (deps.sweepEveryMs !== 0) bundleSweep = setInterval(sweepBundles, deps.sweepEveryMs ?? 60_000);
      idIndexes = keepFerretIdIndexes(deps.ferretdbSqliteDir, deps.db.db!.databaseName, (err) => deps.logger.warn({ err }, 'FerretDB _id index not added'));
    },
    async stop() {
      services.taskStream?.closeAll();
      idIndexes.stop();
      timers.stop();
      clearInterval(hotlineSweep);
      clearInterval(bundleSweep);
      await deps.engine.stop();
      await services.analytics?.stop().catch((err: unknown) => deps.logger.warn({ err }, 'analytics snapshot at stop failed'));
    },
  };
}

/** Publishes every `workflows/*.bpmn` as the system; an unchanged file makes no new version. */
export async function deployShippedWorkflows(processes: ProcessService, dir = workflowsDir): Promise<string[]> {
  const system = { userId: 'system', username: 'system', roles: ['processDesigner' as const] };
  const deployed: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) {
    const result = await processes.publish(readFileSync(`${dir}${file}`, 'utf8'), system);
    deployed.push(...result.processes.map((p) => `${p.processId}@${p.version}`));
  }
  return deployed;
}

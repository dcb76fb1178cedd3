/**
 * The factory that picks an adapter, for the composition root (`main.ts`, `hall.ts`) and tests;
 * features know only the port (`index.ts`). `ENGINE=embedded` (the default) runs our executor with
 * its state in MongoDB; `ENGINE=zeebe` the Camunda 8 adapter (`zeebe/`).
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { EmbeddedEngine } from './embedded/engine.ts';
import type { WorkflowEngine } from './port.ts';
import { ZeebeEngine } from './zeebe/index.ts';
import { StoredOpenTasks } from './zeebe/open-tasks.ts';

export interface EngineFactoryDeps {
  /** `embedded` (default) or `zeebe`. */
  engine?: string;
  db: Connection;
  logger?: Logger;
  now?: () => number;
  /** `cluster` keeps the Zeebe adapter's open user tasks in the database and turns the embedded executor's instance cache off. */
  topology?: 'single' | 'cluster';
}

/** Creates the configured adapter. Throws for an unknown engine name. */
export function createEngine(deps: EngineFactoryDeps): WorkflowEngine {
  switch (deps.engine ?? 'embedded') {
    case 'embedded':
      // the instance cache needs one process owning the instances: not in `cluster` (engine/README.md)
      return new EmbeddedEngine({ db: deps.db, logger: deps.logger, now: deps.now, ...(deps.topology ? { ownsInstances: deps.topology !== 'cluster' } : {}) });
    case 'zeebe':
      // Camunda 8 through @camunda8/sdk, configured by the SDK's own ZEEBE_* / CAMUNDA_* variables.
      return new ZeebeEngine({ logger: deps.logger, openTasks: deps.topology === 'cluster' ? new StoredOpenTasks(deps.db) : undefined });
    default:
      throw new Error(`Unknown ENGINE '${deps.engine}' (expected embedded or zeebe)`);
  }
}

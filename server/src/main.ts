import type { Server } from 'node:http';
import { TokenService, userModel } from './auth/index.ts';
import { ChromiumPdfRenderer, SharedBrowser } from './documents/index.ts';
import { createEngine } from './engine/factory.ts';
import { composeHall } from './hall.ts';
import { processHealth } from './health/process.ts';
import { loadConfig, publicBaseUrl } from './shared/config.ts';
import { connectDatabase, pingDatabase } from './shared/db.ts';
import { createLogger } from './shared/logger.ts';
import { LeaseHeldError, StartupLease } from './topology/lease.ts';
import { assertClusterDatabase, TopologyRefused } from './topology/parts.ts';

/** The one place that wires real dependencies and listens. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = await connectDatabase(config.MONGODB_URI);

// Topology single: one server process per database (docs/reliability.md); a second one stops here.
// Topology cluster: several processes on a MongoDB replica set; refused on FerretDB.
const lease = config.ONEWINDOW_TOPOLOGY === 'single' ? new StartupLease(db) : undefined;
try {
  if (lease) await lease.acquire();
  else await assertClusterDatabase(db, { allowFerretDb: config.ONEWINDOW_CLUSTER_ON_FERRETDB === 'allow-for-tests' });
} catch (error) {
  if (!(error instanceof LeaseHeldError) && !(error instanceof TopologyRefused)) throw error;
  logger.fatal(error.message);
  process.exit(1);
}
lease?.keep((err) => {
  logger.fatal({ err }, 'another server took this database (topology single): stopping');
  process.exit(1);
}, (err) => logger.warn({ err }, 'lease renewal failed; retrying before it runs out'));

if (config.NODE_ENV === 'production' && (await userModel(db).exists({ demo: true, active: true }))) {
  logger.fatal('demo accounts with published passwords are active; deactivate them before running in production');
  process.exit(1);
}

const browser = new SharedBrowser(config.CHROMIUM_PATH);
// links and QR codes name the served address unless PUBLIC_BASE_URL says otherwise (required in production);
// jobs taken back at start render documents before the server listens: the configured port then
const http: { server?: Server } = {};
const boundPort = () => { const a = http.server?.listening ? http.server.address() : null; return a && typeof a === 'object' ? a.port : config.PORT; };
const engine = createEngine({ engine: config.ENGINE, db, logger, topology: config.ONEWINDOW_TOPOLOGY });
const hall = composeHall({
  config, db, logger, engine, topology: config.ONEWINDOW_TOPOLOGY, ferretdbSqliteDir: config.FERRETDB_SQLITE_DIR,
  tokens: new TokenService(config),
  hotline: { platformSecret: config.HOTLINE_PLATFORM_SECRET, platformUrl: config.HOTLINE_PLATFORM_URL, rectifyDays: config.RATING_RECTIFY_DAYS },
  documents: { renderer: new ChromiumPdfRenderer(browser), publicBaseUrl: () => publicBaseUrl(config, boundPort()) },
  health: {
    database: async () => {
      if (!(await pingDatabase(db))) throw new Error('database does not answer');
      return {};
    },
    engine: () => engine.health(),
    chromium: async () => ({ version: await browser.version() }),
    process: processHealth(),
  },
});
await hall.start();

http.server = hall.app.listen(config.PORT, config.HOST, () => {
  logger.info({ host: config.HOST, port: config.PORT, engine: engine.name }, 'OneWindow 一窗通办 is serving');
});

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  http.server?.close();
  await hall.stop();
  await browser.close();
  await lease?.release();
  await db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

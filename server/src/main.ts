import type { Server } from 'node:http';
import { buildApp } from './app.ts';
import { TokenService, userModel } from './auth/index.ts';
import { ChromiumPdfRenderer, SharedBrowser } from './documents/index.ts';
import { loadConfig } from './shared/config.ts';
import { connectDatabase, pingDatabase } from './shared/db.ts';
import { createLogger } from './shared/logger.ts';

/** The one place that wires real dependencies and listens. */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = await connectDatabase(config.MONGODB_URI);

if (config.NODE_ENV === 'production' && (await userModel(db).exists({ demo: true, active: true }))) {
  logger.fatal('demo accounts with published passwords are active; deactivate them before running in production');
  process.exit(1);
}

const browser = new SharedBrowser(config.CHROMIUM_PATH);
const tokens = new TokenService(config);
const { app } = buildApp({
  config, db, logger, tokens,
  documents: { renderer: new ChromiumPdfRenderer(browser), publicBaseUrl: config.PUBLIC_BASE_URL },
  health: {
    database: async () => {
      if (!(await pingDatabase(db))) throw new Error('database does not answer');
      return {};
    },
    chromium: async () => ({ version: await browser.version() }),
  },
});

const server: Server = app.listen(config.PORT, config.HOST, () => {
  logger.info({ host: config.HOST, port: config.PORT, engine: config.ENGINE }, 'OneWindow 一窗通办 is serving');
});

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  server.close();
  await browser.close();
  await db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

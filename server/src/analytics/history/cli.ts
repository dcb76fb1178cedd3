import type { AddressInfo } from 'node:net';
import { TokenService } from '../../auth/index.ts';
import { ChromiumPdfRenderer, SharedBrowser } from '../../documents/index.ts';
import { createEngine } from '../../engine/factory.ts';
import { composeHall } from '../../hall.ts';
import { loadConfig } from '../../shared/config.ts';
import { connectDatabase } from '../../shared/db.ts';
import { createLogger } from '../../shared/logger.ts';

/**
 * scripts/seed-history [cases] [days]: a year (by default) of cases driven through the real hall —
 * embedded engine, job workers, Chromium documents — on a clock that jumps from step to step, into
 * the database the platform runs on (seed the catalogue first: scripts/start does, or seed/cli.ts).
 */
const cases = Number(process.argv[2] ?? 60);
const days = Number(process.argv[3] ?? 365);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(days) || days < 1) {
  console.error('usage: scripts/seed-history [cases=60] [days=365]');
  process.exit(2);
}
const config = loadConfig();
const logger = createLogger('warn');
const db = await connectDatabase(config.MONGODB_URI);
const { seedHistory } = await import('./drive.ts');
let virtual = Date.now();
const browser = new SharedBrowser(config.CHROMIUM_PATH);
const engine = createEngine({ db, logger, now: () => virtual });
const hall = composeHall({
  config, db, logger, engine, ferretdbSqliteDir: config.FERRETDB_SQLITE_DIR, tokens: new TokenService(config), clock: () => new Date(virtual),
  documents: { renderer: new ChromiumPdfRenderer(browser), publicBaseUrl: 'http://127.0.0.1:3000' }, health: {}, sweepEveryMs: 0,
});
await hall.start();
const server = hall.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const started = Date.now();
const start = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const numbers = await seedHistory(
  { db, tokens: new TokenService(config), baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, setClock: (at) => { virtual = at.getTime(); }, log: (l) => console.log(l) },
  { cases, start, days },
);
console.log(`seed-history: ${numbers.length} cases from ${start} over ${days} days in ${Math.round((Date.now() - started) / 1000)} s`);
server.close();
await hall.stop();
await browser.close();
await db.close();

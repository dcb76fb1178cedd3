import { z } from 'zod';

/**
 * The platform's configuration: one schema over the environment, validated once at start-up.
 * Every variable has a doc line here and an entry in `.env.example`; every problem is reported at
 * once. Throws `ConfigError` listing each bad variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development')
    .describe('development | test | production; production refuses demo passwords and weak secrets'),
  HOST: z.string().default('127.0.0.1').describe('address the HTTP server binds to (0.0.0.0 behind a proxy)'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .describe('MongoDB connection string; scripts/start starts a local FerretDB when it is not given'),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').describe('HMAC secret for access tokens (HS256)'),
  JWT_ISSUER: z.string().default('onewindow').describe('iss claim of issued tokens, checked on every request'),
  JWT_AUDIENCE: z.string().default('onewindow-api').describe('aud claim of issued tokens, checked on every request'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900)
    .describe('life of an access token in seconds'),
  ENGINE: z.enum(['embedded', 'zeebe']).default('embedded').describe('workflow engine adapter'),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium').describe('Chromium used to render documents to PDF'),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('1mb').describe('largest JSON request body'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
    .describe('pino log level'),
  FERRETDB_SQLITE_DIR: z.string().optional()
    .describe('data directory of a local FerretDB on SQLite; the server adds the _id index FerretDB 1.24 lacks (scripts set it)'),
  ONEWINDOW_TOPOLOGY: z.enum(['single', 'cluster']).default('single')
    .describe('single: one server process per database (start-up lease); cluster: several processes on a MongoDB replica set (docs/reliability.md)'),
  ONEWINDOW_CLUSTER_ON_FERRETDB: z.enum(['refuse', 'allow-for-tests']).default('refuse')
    .describe('cluster topology on FerretDB is refused; allow-for-tests lets the two-process tests run it (NODE_ENV=test only)'),
  ONEWINDOW_INTAKE_MAX_RENDER_BACKLOG: z.coerce.number().int().min(1).max(1000).default(12)
    .describe('notices waiting to render above which a new receipt is refused with 503 INTAKE_BUSY and Retry-After (intake/admission.ts)'),
  PUBLIC_BASE_URL: z.string().url().optional()
    .describe('public address of the hall printed in links and QR codes (verification); required in production, locally the served address'),
  // 12345 and 好差评 (issue 18, docs/hotline.md)
  HOTLINE_PLATFORM_SECRET: z.string().min(32, 'at least 32 characters').optional()
    .describe('shared HMAC secret with the provincial 12345 platform (inbound orders, outbound replies); unset: inbound refused'),
  HOTLINE_PLATFORM_URL: z.string().url().optional()
    .describe('the provincial 12345 platform address replies are posted to (<url>/orders/<number>/reply); unset: replies wait in the outbox'),
  RATING_RECTIFY_DAYS: z.coerce.number().int().min(1).max(60).default(15)
    .describe('working days a department has to rectify a bad 好差评 rating and reply (国办发〔2019〕51号; local rules differ)'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && /change-me|demo|secret/i.test(config.JWT_SECRET)) {
    throw new ConfigError(['JWT_SECRET: looks like a placeholder; production needs a random secret']);
  }
  if (config.ONEWINDOW_TOPOLOGY === 'cluster' && config.ENGINE !== 'zeebe' && config.ONEWINDOW_CLUSTER_ON_FERRETDB !== 'allow-for-tests') {
    throw new ConfigError(['ONEWINDOW_TOPOLOGY: cluster needs ENGINE=zeebe (the embedded executor runs its instances in one process)']);
  }
  if (config.ONEWINDOW_CLUSTER_ON_FERRETDB === 'allow-for-tests' && config.NODE_ENV !== 'test') {
    throw new ConfigError(['ONEWINDOW_CLUSTER_ON_FERRETDB: allow-for-tests is for NODE_ENV=test only']);
  }
  if (config.NODE_ENV === 'production' && !config.PUBLIC_BASE_URL) {
    // a guessed address would print links and QR codes that lead nowhere (or somewhere else)
    throw new ConfigError(['PUBLIC_BASE_URL: required in production (the address citizens reach the hall at)']);
  }
  return config;
}

/**
 * The address printed in links and QR codes: PUBLIC_BASE_URL when set, otherwise (development,
 * tests) the address this server actually serves on — `port` is the bound port, which differs
 * from PORT when PORT is 0.
 */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>, port = config.PORT): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Variable names with their doc lines, for `.env.example` and its drift test. */
export function configDocs(): Array<{ name: string; doc: string }> {
  return Object.entries(schema.shape).map(([name, s]) => ({ name, doc: s.description ?? '' }));
}

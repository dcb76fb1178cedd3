import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './ferretdb.ts';
import { testConfig } from './support.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the orderly shutdown), and wait. */
  stop(): Promise<void>;
}

/**
 * The real server entry point (server/src/main.ts) as a child process on the given database, on a
 * free port of 127.0.0.1; resolves once `/healthz` answers. `marker` is put in its environment,
 * which Chromium inherits, so the processes it started can be found (chromiumProcesses).
 */
export async function startServer(
  mongodbUri: string, marker: string, spawned?: (child: ChildProcess) => void,
  options: { env?: Record<string, string>; output?: (text: string) => void } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), MONGODB_URI: mongodbUri, JWT_SECRET: testConfig.JWT_SECRET,
      LOG_LEVEL: 'warn', PUBLIC_BASE_URL: baseUrl, ONEWINDOW_TEST_MARKER: marker, ...options.env,
    },
    stdio: ['ignore', options.output ? 'pipe' : 'inherit', 'inherit'],
  });
  // the server logs (pino) to stdout: passed on, and to `output` when asked
  child.stdout?.on('data', (chunk: Buffer) => { process.stdout.write(chunk); options.output?.(chunk.toString()); });
  spawned?.(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  for (let i = 0; i < 600 && !gone(); i++) {
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.status < 500, () => false);
    if (ok) {
      return {
        child, baseUrl,
        async kill() { child.kill('SIGKILL'); await exited; },
        async stop() { child.kill('SIGTERM'); await exited; },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /healthz within 60 s');
}

/** Pids of the live processes whose environment carries `ONEWINDOW_TEST_MARKER=<marker>` (the server and what it started). */
export function markedProcesses(marker: string): number[] {
  const needle = `ONEWINDOW_TEST_MARKER=${marker}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(needle)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A FerretDB of our own on `dir` (SQLite backend, 127.0.0.1, a free port), for tests that need a second server. */
export interface FerretDbProcess {
  uri(database: string): string;
  stop(): Promise<void>;
}

/** The binary scripts/lib/ferretdb.sh built and exported; undefined when the tests run against a MongoDB. */
export const ferretDbBinary = process.env.FERRETDB_BIN;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1').on('connect', () => { socket.end(); resolve(true); }).on('error', () => resolve(false));
  });
}

/** `port`: the port to listen on (a restart on the same port, so that clients reconnect); a free one by default. */
export async function startFerretDb(dir: string, port?: number): Promise<FerretDbProcess & { port: number; kill(): Promise<void> }> {
  if (!ferretDbBinary) throw new Error('FERRETDB_BIN is not set: run through scripts/test');
  port ??= await freePort();
  const child: ChildProcess = spawn(ferretDbBinary, [
    '--handler=sqlite', `--sqlite-url=file:${dir}/`, `--listen-addr=127.0.0.1:${port}`, `--state-dir=${dir}`,
    '--telemetry=disable', '--debug-addr=-', '--log-level=warn',
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    uri: (database) => `mongodb://127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

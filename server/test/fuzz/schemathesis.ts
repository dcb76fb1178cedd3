import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Installed by scripts/lib/bootstrap.sh (`install_fuzzer`) from scripts/lib/fuzz/requirements.txt. */
export const schemathesisBinary = `${root}.venv-fuzz/bin/st`;

export interface FuzzRun { code: number | null; output: string }

/**
 * Runs schemathesis against `/api/openapi.json` of a running server: every route, generated
 * inputs (its fuzzing phase), our checks from scripts/lib/fuzz/onewindow_checks.py plus "no 5xx".
 */
export async function fuzz(options: { baseUrl: string; token?: string; maxExamples: number; seed?: number }): Promise<FuzzRun> {
  if (!existsSync(schemathesisBinary)) throw new Error(`${schemathesisBinary} is missing: run through scripts/test, which installs it`);
  const args = [
    'run', `${options.baseUrl}/api/openapi.json`, '--checks', 'not_a_server_error,problem_json_errors,no_stack_trace',
    '--phases', 'examples,fuzzing', '--max-examples', String(options.maxExamples), '--workers', '2', '--no-color',
    '--request-timeout', '30',
  ];
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.token) args.push('--header', `Authorization: Bearer ${options.token}`);
  // schemathesis keeps its example database and reports in its working directory: keep them out of the tree.
  const cwd = `${root}.data/fuzz`;
  mkdirSync(cwd, { recursive: true });
  const child = spawn(schemathesisBinary, args, {
    cwd,
    env: { ...process.env, SCHEMATHESIS_HOOKS: 'onewindow_checks', PYTHONPATH: `${root}scripts/lib/fuzz`, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}

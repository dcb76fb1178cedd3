/**
 * The 50 clients of the task-board benchmark, run in a worker thread so that their HTTP and JSON
 * work does not share the server's event loop (real clients are browsers elsewhere). Each loops
 * until the deadline: list "my group's tasks", and for the first `completers` clients claim +
 * approve a task of their department every tenth operation. Posts the latencies back. Plain
 * JavaScript: a worker thread does not inherit tsx's loader on Node 20.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ base: string, listPath?: string, clients: number, seconds: number, completing: boolean, completers: number, departments: string[], tokens: Record<string, string>, pool: Record<string, string[]> }} */
const input = workerData;
/** @type {number[]} */
const lists = [];
/** @type {number[]} */
const completes = [];
let errors = 0;
let listedItems = 0;
const deadline = performance.now() + input.seconds * 1000;

/** @param {string} token @param {string} path @param {object} [body] */
async function call(token, path, body) {
  const res = await fetch(`${input.base}${path}`, {
    method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) errors++;
  return json;
}

await Promise.all(Array.from({ length: input.clients }, async (_, c) => {
  const dept = input.departments[c % input.departments.length];
  const token = input.tokens[dept];
  for (let op = 0; performance.now() < deadline; op++) {
    const key = input.completing && c < input.completers && op % 10 === 9 ? input.pool[dept].pop() : undefined;
    const t0 = performance.now();
    if (key) {
      await call(token, `/api/tasks/${key}/claim`, {});
      await call(token, `/api/tasks/${key}/approve`, { opinion: '同意' });
      completes.push(performance.now() - t0);
    } else {
      const body = await call(token, input.listPath ?? '/api/tasks?list=groups&pageSize=20');
      listedItems += body.items?.length ?? 0;
      lists.push(performance.now() - t0);
    }
  }
}));
parentPort?.postMessage({ lists, completes, errors, listedItems });

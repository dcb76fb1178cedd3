/**
 * Benchmark: `addWorkingDays` with a random start in 2025–2026 and a random limit of 1..250
 * working days, on the national 2026 data plus a few overrides. Pure CPU, no database.
 */
import os from 'node:os';
import { WorkingCalendar } from '../../server/src/calendar/index.ts';

const count = Number(process.argv[2] ?? 100_000);
const calendar = new WorkingCalendar([
  { date: '2026-03-20', kind: 'holiday', name: 'bench', source: 'bench' },
  { date: '2026-05-27', kind: 'holiday', name: 'bench', source: 'bench' },
]);

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const starts = Array.from({ length: 730 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
const inputs = Array.from({ length: count }, () => [starts[Math.floor(random() * starts.length)], 1 + Math.floor(random() * 250)] as const);

for (let i = 0; i < 2_000; i++) calendar.addWorkingDays(inputs[i % count][0], inputs[i % count][1]);
let sink = 0;
const started = process.hrtime.bigint();
for (const [start, n] of inputs) sink += calendar.addWorkingDays(start, n).length;
const ms = Number(process.hrtime.bigint() - started) / 1e6;

const result = {
  bench: 'calendar.addWorkingDays', count, ms: Math.round(ms), opsPerSecond: Math.round(count / (ms / 1000)),
  microsecondsPerOp: Number(((ms * 1000) / count).toFixed(2)), node: process.version,
  cpus: os.cpus().length, cpu: os.cpus()[0]?.model, checksum: sink,
};
console.log(`addWorkingDays: ${count} in ${result.ms} ms, ${result.opsPerSecond} ops/s, ${result.microsecondsPerOp} µs per op`);
console.log(JSON.stringify(result));

import { cpus } from 'node:os';
import { runChaos } from '../server/test/e2e/chaos.ts';

const [cases, kills] = [Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 10)];
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(kills) || kills < 0) {
  console.error('usage: scripts/chaos [cases=100] [kills=10]');
  process.exit(2);
}
process.env.CHROMIUM_PATH ??= '/usr/bin/chromium';
const report = await runChaos({ cases, kills, log: (line) => console.error(`[chaos] ${new Date().toISOString()} ${line}`) });
for (const problem of report.problems) console.error(`[chaos] BROKEN: ${problem}`);
console.log(JSON.stringify({ benchmark: 'chaos', cpus: cpus().length, ...report }));
process.exit(report.problems.length ? 1 : 0);

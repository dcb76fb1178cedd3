/**
 * CPU time spent by this process and, when BENCH_DB_PID names it, the database server process
 * (from /proc): a figure that other work on a busy machine does not inflate, unlike wall-clock time.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // Linux USER_HZ is 100

function dbCpuMs(): number {
  const pid = process.env.BENCH_DB_PID;
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export function cpuMeter() {
  const node0 = process.cpuUsage();
  const db0 = dbCpuMs();
  return () => {
    const node = process.cpuUsage(node0);
    return { nodeMs: (node.user + node.system) / 1000, dbMs: dbCpuMs() - db0, dbMeasured: !!process.env.BENCH_DB_PID };
  };
}

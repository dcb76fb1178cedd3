/**
 * CPU time spent by this process and, when BENCH_DB_PID names it, the database server process
 * (from /proc): a figure that other work on a busy machine does not inflate, unlike wall-clock time.
 * Also counts the database commands this process sends (the driver's command monitoring).
 */
import { readFileSync } from 'node:fs';
import type { Connection } from 'mongoose';

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

/** Commands sent on a connection opened with `monitorCommands: true`, by command name. */
export function commandCounter(db: Connection) {
  const byName = new Map<string, number>();
  db.getClient().on('commandStarted', (e) => byName.set(e.commandName, (byName.get(e.commandName) ?? 0) + 1));
  return () => {
    const snapshot = new Map(byName);
    return () => {
      const out: Record<string, number> = {};
      let total = 0;
      for (const [name, n] of byName) {
        const d = n - (snapshot.get(name) ?? 0);
        if (d) out[name] = d;
        total += d;
      }
      return { total, byName: out };
    };
  };
}

export function cpuMeter() {
  const node0 = process.cpuUsage();
  const db0 = dbCpuMs();
  return () => {
    const node = process.cpuUsage(node0);
    return { nodeMs: (node.user + node.system) / 1000, dbMs: dbCpuMs() - db0, dbMeasured: !!process.env.BENCH_DB_PID };
  };
}

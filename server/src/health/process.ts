import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { HealthCheck } from './routes.ts';

/**
 * The server process itself, for /healthz: memory and how long the event loop waited behind work
 * since start (p50/p99/max, ms) — the figure a user feels as a slow answer when the loop is busy.
 */
export function processHealth(): HealthCheck {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return async () => ({
    rssMb: Math.round(process.memoryUsage.rss() / 1024 / 1024),
    eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  });
}

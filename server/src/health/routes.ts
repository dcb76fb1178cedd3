import type { Api } from '../shared/http.ts';

export interface HealthCheck {
  /** Resolves with details when healthy; throws (or rejects) when not. */
  (): Promise<Record<string, unknown>>;
}

/** `GET /healthz`: each component checked at once; 503 when any is down. */
export function healthRoutes(api: Api, checks: Record<string, HealthCheck>): void {
  api.add({
    method: 'get', path: '/healthz', tag: 'health', access: 'public',
    summary: 'Health of the database, the workflow engine and Chromium',
    handler: async ({ res }) => {
      const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
        try {
          return [name, { ok: true, ...(await withTimeout(check(), 5000)) }] as const;
        } catch (error) {
          return [name, { ok: false, error: (error as Error).message }] as const;
        }
      }));
      const components = Object.fromEntries(entries);
      const ok = entries.every(([, c]) => c.ok);
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', components });
    },
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

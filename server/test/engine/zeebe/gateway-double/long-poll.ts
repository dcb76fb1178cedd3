import type * as grpc from '@grpc/grpc-js';

/**
 * ActivateJobs as the Zeebe gateway answers it, for the test doubles: a long poll that writes the
 * first jobs found and ends, or ends empty at the request timeout (0 = 10 s, capped at 30 s,
 * negative = answer at once). https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#activatejobs-rpc
 */
export class LongPolls {
  private readonly waiters = new Set<() => void>();
  private closing = false;

  /** Looks again on every open poll (a job may have become activatable). */
  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Ends every open poll: the server is stopping. */
  close(): void {
    this.closing = true;
    this.wake();
  }

  /** Answers one ActivateJobs call; `take` locks and returns the wire jobs activatable at `now`. */
  activate(call: grpc.ServerWritableStream<{ requestTimeout: unknown }, unknown>, take: (now: number) => unknown[]): void {
    const requestTimeout = Number(call.request.requestTimeout);
    const waitMs = requestTimeout < 0 ? 0 : requestTimeout === 0 ? 10_000 : Math.min(requestTimeout, 30_000);
    const until = Date.now() + waitMs;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.waiters.delete(attempt);
      clearInterval(ticker);
      call.end();
    };
    const attempt = () => {
      if (finished) return;
      if (this.closing) return finish();
      const now = Date.now();
      const jobs = take(now);
      if (jobs.length > 0) {
        call.write({ jobs });
        finish();
      } else if (now >= until) {
        finish();
      }
    };
    // Lock timeouts and retry back-offs end without a request; look again every 25 ms.
    const ticker = setInterval(attempt, 25);
    call.on('cancelled', finish);
    this.waiters.add(attempt);
    attempt();
  }
}

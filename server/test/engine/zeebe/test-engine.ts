/**
 * The real Zeebe 8.5 engine of the test suite (scripts/zeebe-test-engine/, started by scripts/test):
 * its gRPC address and its loopback side door — the engine clock and the record stream.
 * `zeebeTestEngine()` is undefined when scripts/test did not start it; suites then skip, saying why.
 */
import { parseRecords, type RecordFeed, type ZeebeRecord } from '../../../src/engine/zeebe/records.ts';

export const ZEEBE_NOT_STARTED = 'the real Zeebe test engine is not running: run the suite through scripts/test (needs Java 21+), which sets ZEEBE_TEST_GRPC_ADDRESS';

export interface ZeebeTestEngine {
  /** @camunda8/sdk settings for the engine's loopback gateway (plain text, no OAuth). */
  sdkConfig: Record<string, unknown>;
  feed: RecordFeed;
  /** Moves Zeebe's clock forward and waits until the engine is idle; answers the engine time (epoch ms). */
  advanceClock(ms: number): Promise<number>;
  /** Zeebe's clock (epoch ms). */
  now(): Promise<number>;
}

export function zeebeTestEngine(): ZeebeTestEngine | undefined {
  const address = process.env.ZEEBE_TEST_GRPC_ADDRESS;
  const sideDoor = process.env.ZEEBE_TEST_SIDE_DOOR;
  if (!address || !sideDoor) return undefined;
  const call = async (path: string, method = 'GET') => {
    const res = await fetch(`${sideDoor}${path}`, { method });
    if (!res.ok) throw new Error(`Zeebe test engine side door ${path}: ${res.status}`);
    return res.text();
  };
  return {
    sdkConfig: {
      ZEEBE_GRPC_ADDRESS: `grpc://${address}`,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    },
    feed: {
      async records(after: number): Promise<ZeebeRecord[]> {
        return parseRecords(await call(`/records?after=${after}&types=PROCESS_INSTANCE,INCIDENT,VARIABLE`));
      },
    },
    async advanceClock(ms) {
      return (JSON.parse(await call(`/clock?ms=${ms}`, 'POST')) as { now: number }).now;
    },
    async now() {
      return (JSON.parse(await call('/clock')) as { now: number }).now;
    },
  };
}

/**
 * The test engine stamps a published message with the wall clock but expires it by its moved clock,
 * so once a test moved the clock a buffered message would expire at once (a real broker has one clock).
 * This lengthens the time to live by how far the clock was moved, which gives the message its real life.
 */
export const ttlOnMovedClock = (timeToLiveMs: number | undefined, clockOffsetMs: number): number | undefined =>
  (timeToLiveMs ? timeToLiveMs + Math.max(0, clockOffsetMs) : timeToLiveMs);

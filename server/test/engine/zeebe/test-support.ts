import { startGatewayDouble, type GatewayDouble } from './gateway-double/server.ts';
import { ZeebeEngine, type ZeebeEngineDeps } from '../../../src/engine/zeebe/engine.ts';

/** SDK settings that point the adapter at a gateway test double: plain text, no OAuth, no retries, quiet. */
export const sdkConfigFor = (double: Pick<GatewayDouble, 'address'>) => ({
  ZEEBE_GRPC_ADDRESS: `grpc://${double.address}`,
  CAMUNDA_AUTH_STRATEGY: 'NONE',
  CAMUNDA_LOG_LEVEL: 'none',
  zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
});

/** A Zeebe adapter wired to a fresh gateway test double. */
export async function adapterOnGatewayDouble(deps: Omit<ZeebeEngineDeps, 'sdkConfig'> = {}): Promise<{ double: GatewayDouble; engine: ZeebeEngine; close(): Promise<void> }> {
  const double = await startGatewayDouble();
  const engine = new ZeebeEngine({ pollIntervalMs: 50, ...deps, sdkConfig: sdkConfigFor(double) });
  return {
    double, engine,
    async close() {
      await engine.stop();
      await double.close();
    },
  };
}

export async function eventually<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * The Zeebe gateway protocol exactly as the @camunda8/sdk package ships it (dist/proto/zeebe.proto,
 * package `gateway_protocol`, service `Gateway`), loaded with the options the SDK's own client uses
 * (keepCase, int64 as strings), so the test double speaks the wire format the adapter really sends.
 */
export function gatewayProtoPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@camunda8/sdk/package.json')), 'dist', 'proto', 'zeebe.proto');
}

export function loadGatewayService(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(gatewayProtoPath(), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const pkg = grpc.loadPackageDefinition(definition).gateway_protocol as grpc.GrpcObject;
  return (pkg.Gateway as grpc.ServiceClientConstructor).service;
}

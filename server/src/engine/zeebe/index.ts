/**
 * The Zeebe adapter (ENGINE=zeebe). `createEngine` in ../factory.ts selects it; @camunda8/sdk reads
 * its own ZEEBE_* / CAMUNDA_* variables (ZEEBE_GRPC_ADDRESS, CAMUNDA_AUTH_STRATEGY, …).
 */
export { ZeebeEngine, type ZeebeEngineDeps } from './engine.ts';

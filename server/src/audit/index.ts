export { canonicalJson } from './canonical.ts';
export { auditModel, type AuditActor, type AuditRecord } from './model.ts';
export { auditRoutes } from './routes.ts';
export { AuditTrail, GENESIS_HASH, hashOf, type AuditEntry, type ChainReport } from './trail.ts';

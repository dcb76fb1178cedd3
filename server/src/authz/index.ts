export { defineAbilityFor, isActive } from './ability.ts';
export { authority, type Authority, type AuthorityDeps } from './authority.ts';
export { accessibleFilter, assertCan, subjectOf } from './enforce.ts';
export { abilityFromPackedRules, authzRoutes } from './routes.ts';
export { routeGuard } from './route-guard.ts';
export * from './vocabulary.ts';
export { mayReadDocument, type CaseAccessFields } from './documents.ts';
export { auditRefusals, AuthorityRefused, recordRefusal, type RefusedUse } from './refusals.ts';

/**
 * What features may know of the workflow engine: the port (its types and USER_TASK_JOB_TYPE) and the
 * errors adapters throw. The adapters (`embedded/`, `zeebe/`) and the factory that picks one
 * (`factory.ts`) are for the composition root (`main.ts`, `hall.ts`) and tests only — the boundary
 * check (.dependency-cruiser.cjs) refuses any other import of them.
 */
export * from './port.ts';
export * from './errors.ts';
// migration-elements.ts (the XML's elements for the migration check) is imported by path: it loads
// bpmn-moddle, and the web app type-checks the server files it shares, which reach this index.
export { checkMappings, checkMigration, mappingsByEqualIds, migrationRefused, type MigrationElement, type MigrationElements, type MigrationProblemCode } from './migration.ts';

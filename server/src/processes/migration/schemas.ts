/**
 * The migration page's requests, shared with the browser (zod only: this file must not pull the
 * server's HTTP or database code into the page).
 */
import { z } from 'zod';

const elementId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,199}$/, 'a BPMN element id');
export const version = z.number().int().min(1).max(1_000_000);

export const mappingSchema = z.strictObject({ sourceElementId: elementId, targetElementId: elementId });

export const previewBody = z.strictObject({
  sourceVersion: version,
  targetVersion: version,
  /** Old element id → new; left out, the mapping is pre-filled by equal ids. */
  mappings: z.array(mappingSchema).max(500).optional(),
});

export const migrateBody = z.strictObject({
  sourceVersion: version,
  targetVersion: version,
  mappings: z.array(mappingSchema).max(500),
  /** The running cases to move (办件编号). */
  caseNumbers: z.array(z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'a case number')).min(1).max(200),
});

export type MigrationMappingInput = z.infer<typeof mappingSchema>;
export type PreviewBody = z.infer<typeof previewBody>;
export type MigrateBody = z.infer<typeof migrateBody>;

/** What happened to one case of a migration. */
export type MigrationOutcome = 'moved' | 'alreadyMoved' | 'refused';

import { createMongoAbility, subject as tag, type MongoAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import type { Action, SubjectName } from '@server/authz/vocabulary.ts';

/**
 * The browser's copy of the user's ability: the very rules the server built (GET /api/auth/abilities),
 * unpacked. Menus and buttons ask it; the server still checks every request.
 */
export type WebAbility = MongoAbility<[Action, SubjectName | 'all' | Record<string, unknown>]>;

export const ability: WebAbility = createMongoAbility([]);

export function loadRules(packed: PackRule<never>[]): void {
  ability.update(unpackRules(packed as never));
}

export function clearRules(): void {
  ability.update([]);
}

/** A record as CASL should see it (the server's `subjectOf`): the subject type plus its fields. */
export function subject(type: SubjectName, fields: object): Record<string, unknown> {
  return tag(type, { ...fields }) as unknown as Record<string, unknown>;
}

import { lintMessageZh } from '@server/processes/lint-messages.ts';
import { zhElements } from './zh-elements.ts';
import { zhUi } from './zh-ui.ts';

/** Our own Chinese dictionary for bpmn-js and its panels (the partial zn table of bpmn-js-i18n was not enough). */
export const zhDictionary: Record<string, string> = { ...zhElements, ...zhUi };

/** Strings bpmn-js asked for that the dictionary lacks: the browser test fails when one is shown. */
export const untranslated = new Set<string>();

/**
 * bpmn-js's `translate` service: `{placeholder}`s filled in after the lookup, as bpmn-js's own does.
 * bpmn-js-bpmnlint passes its rule messages through here too: those come from the lint dictionary
 * the server's check results use (server/src/processes/lint-messages.ts).
 */
export function translate(template: string, replacements: Record<string, string> = {}): string {
  const zh = zhDictionary[template] ?? zhDictionary[template.trim()] ?? lintMessageZh(template);
  if (zh === undefined) untranslated.add(template);
  return (zh ?? template).replace(/{([^}]+)}/g, (_, key: string) => replacements[key] ?? `{${key}}`);
}

export const translateModule = { translate: ['value', translate] };

import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import camundaCompat from 'bpmnlint-plugin-camunda-compat';
import { lintConfig } from '@server/processes/lint-config.ts';

// The rule modules, bundled: bpmnlint's own rules and the Camunda 8 compatibility plugin's.
const coreRules = import.meta.glob('../../node_modules/bpmnlint/rules/*.js', { eager: true, import: 'default' });
const cloudRules = import.meta.glob([
  '../../../node_modules/bpmnlint-plugin-camunda-compat/rules/camunda-cloud/*.js',
  '../../../node_modules/bpmnlint-plugin-camunda-compat/rules/camunda-cloud/*/index.js',
], { eager: true, import: 'default' });

/** `rules/x.js` and `rules/x/index.js` both name rule x. */
const baseName = (path: string) => path.replace(/\/index\.js$/, '.js').slice(path.replace(/\/index\.js$/, '.js').lastIndexOf('/') + 1, -'.js'.length);

/**
 * The canvas lint of the modeler: the same rule set the server refuses a process with
 * (server/src/processes/lint-config.ts), resolved from bundled rules instead of node_modules.
 */
export function canvasLint() {
  const cache: Record<string, unknown> = {};
  for (const [path, rule] of Object.entries(coreRules)) cache[`rule:bpmnlint/${baseName(path)}`] = rule;
  for (const [path, rule] of Object.entries(cloudRules)) cache[`rule:bpmnlint-plugin-camunda-compat/${baseName(path)}`] = rule;
  const configs = (camundaCompat as { configs: Record<string, unknown> }).configs;
  for (const [name, config] of Object.entries(configs)) cache[`config:bpmnlint-plugin-camunda-compat/${name}`] = config;
  return { config: structuredClone(lintConfig) as unknown, resolver: new StaticResolver(cache) };
}

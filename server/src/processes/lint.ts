import type { FieldProblem } from '../shared/errors.ts';
import { loadBpmnlint, type ModdleElement } from './moddle.ts';

/**
 * bpmnlint with the Camunda 8 compatibility rules of the Zeebe version we pin (8.5, the last under
 * the Zeebe Community License; see docker-compose.camunda.yml), plus a few core rules the hall
 * holds every process to. The rules are resolved from node_modules by bpmnlint's own NodeResolver,
 * as the bpmnlint CLI does
 * (node caches the modules, so a new linter per document costs little).
 */
export const lintConfig = {
  extends: 'plugin:camunda-compat/camunda-cloud-8-5',
  rules: {
    'no-disconnected': 'error',
    'no-duplicate-sequence-flows': 'error',
    'conditional-flows': 'error',
    'end-event-required': 'error',
    'start-event-required': 'error',
    'fake-join': 'warn',
    'label-required': 'warn',
  },
};

/** A new linter per document: some rules keep state in their closure between runs of one linter. */
function newLinter() {
  const { Linter, NodeResolver, require } = loadBpmnlint();
  return new Linter({ config: lintConfig, resolver: new NodeResolver({ require }) });
}

/** Lints parsed definitions; errors refuse the deployment, warnings are reported back. */
export async function lintDefinitions(definitions: ModdleElement): Promise<{ errors: FieldProblem[]; warnings: FieldProblem[] }> {
  const results = await newLinter().lint(definitions);
  const errors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const problem = { field: report.id ?? 'xml', message: `${rule}: ${report.message}` };
      if (report.category === 'error' || report.category === 'rule-error') errors.push(problem);
      else if (report.category === 'warn') warnings.push(problem);
    }
  }
  return { errors, warnings };
}

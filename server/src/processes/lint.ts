import type { FieldProblem } from '../shared/errors.ts';
import { lintConfig } from './lint-config.ts';
import { loadBpmnlint, type ModdleElement } from './moddle.ts';

/** bpmnlint rules resolved from node_modules by bpmnlint's own NodeResolver, as its CLI does (node caches the modules). */
export { lintConfig };

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

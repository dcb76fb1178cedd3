import { parseExpression } from 'feelin';

/**
 * Whether a FEEL expression parses, with feelin (the same parser the embedded executor evaluates
 * with). Returns the offset and text of the first syntax error, or undefined when it parses.
 * Zeebe's BPMN attributes hold expressions only (`=…`); unary tests belong to DMN tables.
 */
export function feelSyntaxError(expression: string): string | undefined {
  if (expression.trim() === '') return 'empty expression';
  let error: string | undefined;
  try {
    const tree = parseExpression(expression, {}, undefined);
    tree.iterate({
      enter(node) {
        if (error || !node.type.isError) return;
        error = `syntax error at offset ${node.from}: "${expression.slice(Math.max(0, node.from - 10), node.to + 10)}"`;
      },
    });
  } catch (e) {
    error = (e as Error).message;
  }
  return error;
}

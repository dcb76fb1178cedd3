/** FEEL words that are no variable: keywords, literals and the built-in type names. */
const reserved = new Set([
  'and', 'or', 'not', 'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every',
  'satisfies', 'instance', 'of', 'between', 'function', 'external', 'date', 'time', 'duration', 'string',
  'number', 'boolean', 'list', 'context', 'range',
]);

/**
 * The top-level variable names a FEEL expression reads: string literals and comments left out,
 * names bound inside it (`some o in …`, `for x in …`) left out, and neither function names nor
 * path members (`o.outcome`) counted. A name with a space (FEEL allows some) is not recognised:
 * the hall's variables are camelCase.
 */
export function feelNames(expression: string): string[] {
  const text = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const bound = new Set([...text.matchAll(/\b(?:some|every|for)\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g), ...text.matchAll(/,\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)].map((m) => m[1]));
  const names = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const name = match[0];
    const before = text.slice(0, match.index).trimEnd();
    const after = text.slice(match.index + name.length).trimStart();
    if (reserved.has(name) || bound.has(name) || before.endsWith('.') || after.startsWith('(') || after.startsWith(':')) continue;
    if (/[0-9]$/.test(before) && /^[eE]/.test(name)) continue; // exponent of a number
    names.add(name);
  }
  return [...names];
}

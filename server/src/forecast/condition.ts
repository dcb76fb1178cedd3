/**
 * The few FEEL conditions the shipped gateways use, judged against what a case is expected to do
 * next: comparisons `name = "value"` / `name = true|false|null|number`, joined by `and` / `or`, and
 * `not(...)`. Anything else (list quantifiers, functions) is unknown: `undefined`, so the walk takes
 * the gateway's default flow instead of guessing.
 */
export function judge(expression: string, variables: Record<string, unknown>): boolean | undefined {
  const text = expression.trim().replace(/^=/, '').trim();
  const ors = splitTop(text, ' or ');
  if (ors.length > 1) {
    const parts = ors.map((p) => judge(p, variables));
    return parts.some((p) => p === true) ? true : parts.every((p) => p === false) ? false : undefined;
  }
  const ands = splitTop(text, ' and ');
  if (ands.length > 1) {
    const parts = ands.map((p) => judge(p, variables));
    return parts.some((p) => p === false) ? false : parts.every((p) => p === true) ? true : undefined;
  }
  if (/^\(.*\)$/.test(text)) return judge(text.slice(1, -1), variables);
  const negated = /^not\((.*)\)$/.exec(text);
  if (negated) { const inner = judge(negated[1], variables); return inner === undefined ? undefined : !inner; }
  const comparison = /^([A-Za-z_][\w.]*)\s*(=|!=)\s*("([^"]*)"|true|false|null|-?\d+(?:\.\d+)?)$/.exec(text);
  if (!comparison) return undefined;
  const [, name, op, literal, quoted] = comparison;
  const expected = quoted !== undefined ? quoted : literal === 'null' ? null : literal === 'true' ? true : literal === 'false' ? false : Number(literal);
  const actual = name.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), variables) ?? null;
  return op === '=' ? actual === expected : actual !== expected;
}

/** Splits on a keyword outside parentheses and quotes. */
function splitTop(text: string, keyword: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && text.startsWith(keyword, i)) { parts.push(text.slice(start, i)); start = i + keyword.length; i += keyword.length - 1; }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * Expressions as Zeebe reads them: a value starting with `=` is FEEL, anything else is a static
 * string (https://docs.camunda.io/docs/components/concepts/expressions/). FEEL runs on feelin; a
 * missing variable yields null as in Zeebe 8.3+, and temporal values become ISO strings when stored.
 */
import { evaluate, SyntaxError as FeelSyntaxError } from 'feelin';
import { EngineInvalid } from '../errors.ts';
import type { Variables } from '../port.ts';

export class ExpressionError extends Error {
  /** `errorType` overrides the incident type the caller would raise (a wrong result type is EXTRACT_VALUE_ERROR). */
  constructor(message: string, readonly expression: string, readonly errorType?: 'EXTRACT_VALUE_ERROR') {
    super(message);
  }
}

export const isFeel = (source: string) => source.trimStart().startsWith('=');

/** Plain JSON for storage: FEEL dates, durations and contexts become strings, numbers, objects. */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) !== Object.prototype) return JSON.parse(JSON.stringify(value));
  const out: Variables = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

/** Evaluates a Zeebe expression; throws ExpressionError when FEEL fails. */
export function evalExpression(source: string, context: Variables): unknown {
  if (!isFeel(source)) return source;
  const feel = source.trimStart().slice(1);
  try {
    return toPlain(evaluate(feel, context).value);
  } catch (error) {
    throw new ExpressionError(`failed to evaluate expression '${feel}': ${(error as Error).message}`, source);
  }
}

/** A string result (job type, message name, correlation key); numbers are accepted as Zeebe does for keys. */
export function evalString(source: string, context: Variables, what: string): string {
  const v = evalExpression(source, context);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && what === 'correlation key') return String(v);
  throw new ExpressionError(`Expected result of the expression '${source}' (${what}) to be 'STRING', but was '${typeName(v)}'.`, source);
}

/** Candidate groups/users: a FEEL list of strings or a static comma-separated list. */
export function evalList(source: string | undefined, context: Variables): string[] {
  if (!source) return [];
  if (!isFeel(source)) return source.split(',').map((s) => s.trim()).filter(Boolean);
  const v = evalExpression(source, context);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  throw new ExpressionError(`Expected result of the expression '${source}' to be 'ARRAY' of strings, but was '${typeName(v)}'.`, source);
}

export function evalBoolean(source: string, context: Variables): boolean {
  const v = evalExpression(source, context);
  if (typeof v === 'boolean') return v;
  throw new ExpressionError(`Expected result of the expression '${source}' to be 'BOOLEAN', but was '${typeName(v)}'.`, source, 'EXTRACT_VALUE_ERROR');
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return 'ARRAY';
  if (typeof v === 'object') return 'OBJECT';
  return typeof v === 'number' ? 'NUMBER' : typeof v === 'boolean' ? 'BOOLEAN' : 'STRING';
}

/** Deploy-time check: refuses FEEL that does not parse, naming the element. */
export function checkFeelSyntax(elementId: string, source: string): void {
  if (!source || !isFeel(source)) return;
  try {
    evaluate(source.trimStart().slice(1), {});
  } catch (error) {
    if (!(error instanceof FeelSyntaxError)) return;
    throw new EngineInvalid({
      code: 'FEEL_SYNTAX_ERROR', zh: `${elementId} 的 FEEL 表达式无法解析：${source}`,
      en: `${elementId}: FEEL expression does not parse: ${source}`, fields: [{ field: elementId, message: error.message }],
    });
  }
}

/** Sets `a.b.c` targets as Zeebe output/input mappings do (nested context merge). */
export function setPath(target: Variables, path: string, value: unknown): void {
  const parts = path.split('.');
  let obj = target;
  for (const p of parts.slice(0, -1)) {
    const next = obj[p];
    obj[p] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Variables) } : {};
    obj = obj[p] as Variables;
  }
  obj[parts[parts.length - 1]] = value;
}

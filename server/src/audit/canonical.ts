/**
 * Canonical JSON (keys sorted at every level, no whitespace, dates as ISO-8601 strings, `undefined`
 * dropped) — the byte string an audit record's hash is computed over. The same value always gives
 * the same text, whatever order its keys were written or read back from the database in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

/** The JSON value the canonical text describes: what is stored, so stored and hashed agree. */
export function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalise(item)));
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return normalise((value as { toJSON(): unknown }).toJSON());
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) out[key] = normalise(inner);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

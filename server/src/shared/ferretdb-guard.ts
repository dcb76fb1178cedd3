import { Types, type Connection, type Model, type Schema } from 'mongoose';

/**
 * Guarded updates by `_id` (or by a case number) that FerretDB 1.24 can serve without scanning.
 *
 * Why: a guard such as `updateOne({ _id, state: 'open', rev: 3 }, …)` is how the board claims and
 * completes a task exactly once, but FerretDB on SQLite pushes a filter down only when it is
 * `{ _id }` alone: with the guard it reads and parses every document of the collection (seconds
 * at 100,000 tasks, and the collection keeps its closed tasks). On a FerretDB connection this
 * plugin, running after `serializeWritesBy(schema, '_id')` has taken the document's in-process
 * lock, reads the document by `_id`, evaluates the rest of the filter here, and sends the update
 * with `{ _id }` alone — or with an `_id` that matches nothing, so the caller sees
 * `matchedCount: 0` exactly as before. A condition it does not understand leaves the filter as it
 * was (correct, only slow). MongoDB connections are untouched.
 */
const ferretConnections = new WeakSet<Connection>();
/** An `_id` no document has, of either type (the schema casts the filter). */
const NO_MATCH = '\u0000no-document';
const NO_MATCH_OBJECT_ID = new Types.ObjectId('000000000000000000000000');

/** Asks the server whether it is FerretDB (its `buildInfo` says so) and remembers the answer for the connection. */
export async function detectFerretDb(connection: Connection): Promise<boolean> {
  const info = await connection.db!.admin().command({ buildInfo: 1 }).catch(() => ({} as Record<string, unknown>));
  if (info.ferretdbVersion) ferretConnections.add(connection);
  return Boolean(info.ferretdbVersion);
}

export function isFerretDb(connection: Connection): boolean {
  return ferretConnections.has(connection);
}

type Scalar = string | number | boolean | null | Date;
type Condition = { eq: Scalar } | { in: Scalar[] } | { ne: Scalar };

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date;

/** The filter's conditions besides `_id`, or null when one is beyond this small matcher. */
export function parseGuard(filter: Record<string, unknown>): Map<string, Condition> | null {
  const out = new Map<string, Condition>();
  for (const [path, value] of Object.entries(filter)) {
    if (path === '_id') continue;
    if (path.startsWith('$')) return null;
    if (isScalar(value)) out.set(path, { eq: value });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const v = value as Record<string, unknown>;
      if (keys.length === 1 && keys[0] === '$in' && Array.isArray(v.$in) && v.$in.every(isScalar)) out.set(path, { in: v.$in });
      else if (keys.length === 1 && keys[0] === '$ne' && isScalar(v.$ne)) out.set(path, { ne: v.$ne });
      else return null;
    } else return null;
  }
  return out;
}

const same = (a: unknown, b: Scalar) => {
  if (b === null) return a === null || a === undefined;
  if (b instanceof Date) return a instanceof Date && a.getTime() === b.getTime();
  return a === b;
};

/** Whether the document meets the conditions; undefined when an array on the way makes it MongoDB's call. */
export function meets(doc: Record<string, unknown>, conditions: Map<string, Condition>): boolean | undefined {
  for (const [path, condition] of conditions) {
    if ('ne' in condition) {
      const none = noElementHas(doc, path, condition.ne);
      if (none === false) return false;
      if (none === true) continue;
    }
    let value: unknown = doc;
    for (const part of path.split('.')) {
      if (Array.isArray(value)) return undefined;
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    if (Array.isArray(value)) return undefined;
    const ok = 'eq' in condition ? same(value, condition.eq) : 'in' in condition ? condition.in.some((c) => same(value, c)) : !same(value, condition.ne);
    if (!ok) return false;
  }
  return true;
}

/**
 * `{ 'list.field': { $ne: v } }` across one array of sub-documents (a case's timeline entry ids):
 * true when no element's field equals v, as MongoDB reads it; undefined for any other shape.
 */
function noElementHas(doc: Record<string, unknown>, path: string, value: Scalar): boolean | undefined {
  const [head, field, ...more] = path.split('.');
  const list = doc[head];
  if (more.length || field === undefined || !Array.isArray(list) || /^\d+$/.test(field)) return undefined;
  if (!list.every((e) => e && typeof e === 'object' && !Array.isArray(e) && !Array.isArray((e as Record<string, unknown>)[field]))) return undefined;
  return !list.some((e) => same((e as Record<string, unknown>)[field], value));
}

/**
 * Installs the rewrite on a schema. `naturalKey` names a unique, never-changing field by which the
 * code addresses documents (a case's `caseNumber`): its `_id` is looked up once and kept, and a
 * read by that key alone (`findOne`, `exists`) goes out by `_id` too — one small read by `_id` to
 * confirm the kept `_id` still holds that key, instead of parsing every document of the
 * collection (the soak measured a case read by number at 0.55 s on a loaded FerretDB).
 */
export function guardByIdOnFerretDb(schema: Schema, options: { naturalKey?: string } = {}): void {
  const ids = new WeakMap<Connection, Map<string, unknown>>();
  const key = options.naturalKey;
  /** The `_id` of the document whose natural key is `natural` (and that document), or undefined when none has it. */
  const idOf = async (model: Model<unknown>, natural: string, projection?: Record<string, 1>) => {
    const connection = model.db;
    let known = ids.get(connection);
    if (!known) ids.set(connection, (known = new Map()));
    const read = (id: unknown) => model.collection.findOne({ _id: id as never }, projection ? { projection: { ...projection, [key!]: 1 } } : {});
    let id = known.get(natural);
    let doc = id === undefined ? null : await read(id);
    if (!doc || doc[key!] !== natural) {
      // first use, or the kept _id is stale (the collection was dropped): one scan, then kept
      id = (await model.collection.findOne({ [key!]: natural }, { projection: { _id: 1 } }))?._id;
      if (id === undefined) return undefined;
      known.set(natural, id);
      doc = await read(id);
    }
    return { id, doc };
  };
  if (key) {
    schema.pre('findOne', async function () {
      if (!isFerretDb(this.model.db)) return;
      const filter = this.getFilter() as Record<string, unknown>;
      const natural = filter[key];
      if (Object.keys(filter).length !== 1 || typeof natural !== 'string') return;
      const found = await idOf(this.model, natural, { _id: 1 });
      if (found) this.setQuery({ _id: found.id });
    });
  }
  for (const op of ['updateOne', 'findOneAndUpdate'] as const) {
    schema.pre(op, async function () {
      if (!isFerretDb(this.model.db) || this.getOptions().upsert) return;
      const filter = this.getFilter() as Record<string, unknown>;
      const natural = key && filter._id === undefined ? filter[key] : undefined;
      if (Object.keys(filter).length === 1 && natural === undefined) return;
      const conditions = parseGuard(filter);
      if (!conditions) return;
      let id = filter._id;
      let doc: Record<string, unknown> | null;
      if (typeof natural === 'string') {
        const found = await idOf(this.model, natural);
        if (!found) return;
        ({ id, doc } = found);
      } else {
        if (typeof id !== 'string' && !(id instanceof Types.ObjectId)) return;
        doc = await this.model.collection.findOne({ _id: id as never });
      }
      const verdict = doc ? meets(doc, conditions) : false;
      if (verdict === undefined) return;
      this.setQuery({ _id: verdict ? id : id instanceof Types.ObjectId ? NO_MATCH_OBJECT_ID : NO_MATCH });
    });
  }
}

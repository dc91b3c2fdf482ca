import type { RxCollection } from 'rxdb';

type Doc = Record<string, unknown>;
type Prop = { type?: string | string[]; enum?: unknown[]; minLength?: number; minimum?: number; exclusiveMinimum?: number };

const cache = new WeakMap<object, Doc>();

/** A value that passes the property's schema: the least informative one. */
function valueFor(p: Prop): unknown {
  const types = Array.isArray(p.type) ? p.type : [p.type];
  if (types.includes('null')) return null;
  if (p.enum && p.enum.length > 0) return p.enum[0];
  switch (types[0]) {
    case 'string':
      return '0'.repeat(p.minLength ?? 0);
    case 'integer':
    case 'number':
      return p.minimum ?? (p.exclusiveMinimum !== undefined ? p.exclusiveMinimum + 1 : 0);
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}

/** Every required field of a collection's schema filled with a valid placeholder. */
export function placeholderDoc(collection: RxCollection): Doc {
  const schema = collection.schema.jsonSchema;
  let doc = cache.get(schema);
  if (!doc) {
    doc = {};
    const props = schema.properties as Record<string, Prop>;
    for (const key of schema.required ?? []) {
      // RxDB lists its own bookkeeping (_meta, _rev, _attachments) as required; it is never part of
      // a document on the wire, and a placeholder `_meta: {}` broke the replication meta schema.
      if ((key as string).startsWith('_')) continue;
      const p = props[key as string];
      if (p) doc[key as string] = valueFor(p);
    }
    cache.set(schema, doc);
  }
  return doc;
}

/**
 * A tombstone may carry only `{id, _deleted, seq}`: complete it from the local document (or from
 * placeholders when the device never had it), so RxDB's schema validation passes. The fields the
 * server did send always win.
 */
export async function completeTombstones<D extends Doc>(collection: RxCollection, docs: D[]): Promise<D[]> {
  const required = collection.schema.jsonSchema.required ?? [];
  const partial = docs.filter((d) => d._deleted === true && required.some((k) => !((k as string) in d)));
  if (partial.length === 0) return docs;
  const partialSet = new Set(partial);
  const local = await collection.storageInstance.findDocumentsById(partial.map((d) => d.id as string), true);
  const byId = new Map(local.map((d) => [(d as Doc).id as string, d as Doc]));
  const base = placeholderDoc(collection);
  return docs.map((d) => {
    if (!partialSet.has(d)) return d;
    const mine = byId.get(d.id as string) ?? {};
    const filled: Doc = { ...base };
    for (const k of Object.keys(base)) if (k in mine) filled[k] = mine[k];
    return { ...filled, ...d } as D;
  });
}

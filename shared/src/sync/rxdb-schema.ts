import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from './protocol.ts';
import { DOC_SCHEMAS, RX_INDEXES } from './collections.ts';

type Json = Record<string, unknown>;

/** The RxDB JSON schema of a collection, derived from its zod document schema. */
export interface RxJsonSchemaLike {
  title: string;
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, Json>;
  required: string[];
  indexes: (string | string[])[];
}

/** zod emits `anyOf: [X, {type: 'null'}]` for nullables; RxDB prefers `type: [X, 'null']`. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const anyOf = src.anyOf as Json[] | undefined;
  if (anyOf && anyOf.length === 2 && anyOf.some((s) => s.type === 'null')) {
    const other = simplify(anyOf.find((s) => s.type !== 'null')) as Json;
    if (typeof other.type === 'string') return { ...other, type: [other.type, 'null'] };
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    // Formats need ajv-formats and patterns cost per write; the server validates strictly anyway.
    if (k === '$schema' || k === 'format' || k === 'pattern' || k === 'additionalProperties' || k === 'default') continue;
    if (k === 'propertyNames') continue;
    out[k] = simplify(v);
  }
  return out;
}

export function rxSchemaFor(collection: CollectionName): RxJsonSchemaLike {
  const json = z.toJSONSchema(DOC_SCHEMAS[collection], { io: 'output', unrepresentable: 'any' }) as Json;
  const properties = simplify(json.properties) as Record<string, Json>;
  // Strings that RxDB indexes must be bounded; numbers need a range and precision.
  for (const p of Object.values(properties)) {
    if (p.type === 'integer' && p.maximum === undefined) p.maximum = Number.MAX_SAFE_INTEGER;
    // RxDB (SC34) requires maxLength on indexed strings; zod enums carry none.
    if (Array.isArray(p.enum) && p.maxLength === undefined) p.maxLength = Math.max(...p.enum.map((v) => String(v).length));
  }
  properties.seq = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 };
  properties.version = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 };
  return {
    title: collection,
    version: COLLECTIONS[collection].schemaVersion,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: (json.required as string[]) ?? [],
    indexes: RX_INDEXES[collection],
  };
}

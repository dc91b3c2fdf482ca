import type { CollectionTable } from './tables.ts';

/** Deep equality that ignores object key order (jsonb reorders keys). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ak = Object.keys(a as object);
  const bk = Object.keys(b as object);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Compares one wire field: timestamps as instants (the formats differ), the rest structurally. */
export function sameField(t: CollectionTable, field: string, a: unknown, b: unknown): boolean {
  if (t.timestamps.has(field) && typeof a === 'string' && typeof b === 'string') return Date.parse(a) === Date.parse(b);
  return deepEqual(a ?? null, b ?? null);
}

/** Names of the given fields whose values differ between two documents. */
export function changedFields(t: CollectionTable, fields: string[], a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return fields.filter((f) => !sameField(t, f, a[f], b[f]));
}

import type { CollectionName, Role } from '@lotbook/shared';

/**
 * Server-side field visibility: the one place that says which fields a role never receives.
 * Every way out of the server (sync pull, push replies, SSE, REST, exports, chat tools) goes
 * through these functions, so a future manager-only field is added here once.
 *
 * Hidden fields keep their key with `null` (the device's schema expects the key), and a push
 * from such a role gets the server's value put back before comparing (see `restoreHidden`), so
 * a salesperson reserving a car never "changes" its cost.
 */
const MANAGER_ONLY: Partial<Record<CollectionName, readonly string[]>> = {
  vehicles: ['cost'],
};

export function seesManagerFields(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

/** Fields of `collection` that `role` must never receive. */
export function hiddenFields(collection: CollectionName, role: Role): readonly string[] {
  return seesManagerFields(role) ? [] : (MANAGER_ONLY[collection] ?? []);
}

/** A copy of `doc` as `role` may see it (hidden fields set to null). */
export function visibleDoc<D extends Record<string, unknown>>(collection: CollectionName, doc: D, role: Role): D {
  const hidden = hiddenFields(collection, role);
  if (hidden.length === 0) return doc;
  const out: Record<string, unknown> = { ...doc };
  for (const f of hidden) if (f in out) out[f] = null;
  return out as D;
}

/** A vehicle as `role` may see it: `cost` only for managers and admins. */
export function visibleVehicle<D extends Record<string, unknown>>(row: D, role: Role): D {
  return visibleDoc('vehicles', row, role);
}

/** A copy of `doc` without the fields `role` may not see (REST and exports: the key is absent). */
export function withoutHidden<D extends Record<string, unknown>>(collection: CollectionName, doc: D, role: Role): D {
  const hidden = hiddenFields(collection, role);
  if (hidden.length === 0) return doc;
  const out: Record<string, unknown> = { ...doc };
  for (const f of hidden) delete out[f];
  return out as D;
}

/**
 * A pushed document with the hidden fields taken from the server's row (or null on insert): a
 * role that cannot see a field cannot write it either.
 */
export function restoreHidden<D extends Record<string, unknown>>(collection: CollectionName, next: D, server: Record<string, unknown> | null, role: Role): D {
  const hidden = hiddenFields(collection, role);
  if (hidden.length === 0) return next;
  const out: Record<string, unknown> = { ...next };
  for (const f of hidden) out[f] = server ? (server[f] ?? null) : null;
  return out as D;
}

import { deepEqual } from 'rxdb/plugins/utils';

type Doc = Record<string, unknown>;

/** Owned by the server: in a merge they always come from the server's document. */
export const SERVER_FIELDS: ReadonlySet<string> = new Set(['seq', 'version', 'updated_at', 'created_at', 'dealership_id']);

/** Timestamps that record when something first happened: when both sides set one, the earlier wins silently. */
const EARLIEST_WINS: Readonly<Record<string, true>> = { first_response_at: true };

export interface MergeResult<D extends Doc> {
  doc: D;
  /** Fields whose local value lost (changed on both sides, or dropped by a server-side delete). */
  lost: string[];
}

/**
 * Three-way merge against the assumed base (ARCHITECTURE.md invariant 4): a field changed only on
 * one side keeps that side's value; changed on both sides keeps the server's. A server-side delete
 * wins as a whole and every locally changed field counts as lost. Without a base (both sides
 * created the same id) every differing field counts as changed on both sides.
 */
export function threeWayMerge<D extends Doc>(base: D | undefined, mine: D, theirs: D): MergeResult<D> {
  const lost: string[] = [];
  const changedLocally = (k: string) => !base || !deepEqual(mine[k], base[k]);
  if (theirs._deleted === true) {
    for (const k of Object.keys(mine)) {
      if (k === 'id' || k === '_deleted' || SERVER_FIELDS.has(k)) continue;
      if (changedLocally(k) && !deepEqual(mine[k], theirs[k])) lost.push(k);
    }
    return { doc: { ...mine, ...theirs }, lost };
  }
  const out: Doc = { ...theirs };
  for (const k of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    if (k === 'id' || SERVER_FIELDS.has(k)) continue;
    const m = mine[k];
    const t = theirs[k];
    if (deepEqual(m, t)) continue;
    const changedOnServer = !base || !deepEqual(t, base[k]);
    if (!changedLocally(k)) continue; // only the server changed it (or nobody): theirs
    if (!changedOnServer) {
      out[k] = m;
      continue;
    }
    if (k in EARLIEST_WINS && typeof m === 'string' && typeof t === 'string') {
      // Both sides stamped the first contact (the device on "contacted", the server on the
      // activity): the earlier one is the truth, and nobody lost anything.
      out[k] = m < t ? m : t;
      continue;
    }
    lost.push(k);
  }
  return { doc: out as D, lost };
}

/** Picks some fields of a document: the contested values shown in the inbox. */
export function pick(doc: Doc, fields: readonly string[]): Doc {
  const out: Doc = {};
  for (const f of fields) out[f] = doc[f];
  return out;
}

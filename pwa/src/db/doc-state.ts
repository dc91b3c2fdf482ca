type Doc = Record<string, unknown>;

/** Storage bookkeeping RxDB adds to a stored document; never part of what the server knows. */
const BOOKKEEPING = ['_rev', '_meta', '_attachments'] as const;

/** A document's own state (its fields and `_deleted`), without RxDB's storage bookkeeping. */
export function docState<D extends Doc>(doc: D): D {
  if (!BOOKKEEPING.some((k) => k in doc)) return doc;
  const out: Doc = { ...doc };
  for (const k of BOOKKEEPING) delete out[k];
  return out as D;
}

/** Fields that never help a person decide between two versions. */
const HIDDEN = new Set(['id', 'dealership_id', 'seq', 'version', 'created_at', 'updated_at', '_deleted', '_meta', '_rev', '_attachments', 'images']);

export interface FieldDiff {
  field: string;
  mine: unknown;
  theirs: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The rows to compare: the fields that lost (`lost`, from the data layer) when known, otherwise
 * every field that differs, in my document's field order. When theirs is null (the server has no
 * version, e.g. a rejected insert) every non-empty field of mine is listed.
 */
export function diffVersions(mine: Record<string, unknown>, theirs: Record<string, unknown> | null, lost: readonly string[] = []): FieldDiff[] {
  const all = lost.length > 0 ? lost : [...new Set([...Object.keys(mine), ...Object.keys(theirs ?? {})])];
  const fields = all.filter((f) => !HIDDEN.has(f));
  return fields
    .filter((f) => (theirs === null ? mine[f] !== null && mine[f] !== undefined && mine[f] !== '' : !same(mine[f], theirs[f])))
    .map((f) => ({ field: f, mine: mine[f], theirs: theirs === null ? undefined : theirs[f] }));
}

/** A short human label for the document in conflict (vehicle: "2021 Toyota RAV4 · S-1234"). */
export function docLabel(collection: string, doc: Record<string, unknown>): string | null {
  const s = (k: string) => (typeof doc[k] === 'string' || typeof doc[k] === 'number' ? String(doc[k]) : '');
  if (collection === 'vehicles') return [[s('year'), s('make'), s('model')].filter(Boolean).join(' '), s('stock_number')].filter(Boolean).join(' · ') || null;
  if (collection === 'customers') return `${s('first_name')} ${s('last_name')}`.trim() || null;
  if (collection === 'lead_activities') return s('description').slice(0, 60) || null;
  return null;
}

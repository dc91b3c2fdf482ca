/**
 * What the database cannot store, found before it tries (issue 8, "every row is its own fate"):
 * a NUL character (Postgres text and jsonb refuse it), a lone UTF-16 surrogate (jsonb refuses it,
 * text would store U+FFFD and a replay would then conflict), and nesting deeper than any real
 * document. Such a document is refused alone as `invalid_document`; the rest of its batch applies.
 */
export const MAX_DEPTH = 24;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

function badString(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}

/** Why `value` cannot be stored, with the path of the first problem; null when it can. */
export function unstorable(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') {
    const bad = badString(value);
    return bad ? `${path || 'value'} ${bad}` : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return `${path || 'value'} is nested more than ${MAX_DEPTH} levels deep`;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const badKey = badString(k);
    if (badKey) return `a key in ${path || 'the document'} ${badKey}`;
    const inner = unstorable(v, path ? `${path}.${k}` : k, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/**
 * A copy that the rejected-writes log can store: NUL and lone surrogates become U+FFFD and
 * anything deeper than MAX_DEPTH becomes a marker. Only for logging a refused document.
 */
export function storableCopy(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((v) => storableCopy(v, depth + 1));
  const out: Record<string, unknown> = {};
  // defineProperty: a `__proto__` key stays a plain key instead of replacing the prototype.
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, storableCopy(k) as string, { value: storableCopy(v, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

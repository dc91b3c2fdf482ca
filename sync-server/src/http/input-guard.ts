import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.ts';

/**
 * The one gate every REST input passes before any route sees it (mounted on `/api/*` in app.ts):
 * the path, the query string and a JSON body. It refuses, with 400 `validation_error` in the usual
 * `{error, message, details}` shape, what no field of the API accepts and what Postgres cannot
 * store or compare (which used to surface as 500s):
 *
 * - a NUL character (`\u0000`) anywhere: Postgres text cannot hold it;
 * - a lone UTF-16 surrogate (`"\ud800"` in JSON): not valid Unicode, refused by UTF-8 encoders;
 * - absurd sizes: a path or query value over 2,000 characters, a body string over 100,000,
 *   JSON nested deeper than 64 levels, a number JSON.parse turns into Infinity;
 * - a `__proto__` key, which some object helpers turn into a prototype change.
 *
 * Route validators (zod) then check shapes and business limits as before; this gate only makes
 * sure that nothing reaching them can crash a query. The sync push path is not behind it: there a
 * bad document is refused alone and logged, so the rest of its batch still applies.
 */
export const LIMITS = { urlValue: 2_000, bodyString: 100_000, depth: 64 } as const;

interface Issue {
  path: string;
  message: string;
  code: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string is refused, or null when it is fine. */
export function badText(s: string, max: number): { code: string; message: string } | null {
  if (s.includes('\u0000')) return { code: 'nul_character', message: 'contains a NUL character' };
  if (LONE_SURROGATE.test(s)) return { code: 'invalid_unicode', message: 'contains a lone UTF-16 surrogate (invalid Unicode)' };
  if (s.length > max) return { code: 'too_long', message: `is longer than ${max} characters` };
  return null;
}

function refuse(where: string, issues: Issue[]): ApiError {
  return new ApiError(400, 'validation_error', `The request ${where} contains characters or sizes the API does not accept`, { issues: issues.slice(0, 20) });
}

/** Nesting depth of a JSON text, counted outside strings; stops early past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

/** Every refused string, key or number inside a parsed JSON value. */
function walk(value: unknown, path: string, issues: Issue[]): void {
  if (issues.length >= 20) return;
  if (typeof value === 'string') {
    const bad = badText(value, LIMITS.bodyString);
    if (bad) issues.push({ path, ...bad });
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) issues.push({ path, code: 'number_out_of_range', message: 'is a number out of range' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k.slice(0, 40)}` : k.slice(0, 40);
      const bad = k === '__proto__' ? { code: 'forbidden_key', message: 'is a forbidden key' } : badText(k, 200);
      if (bad) issues.push({ path: at, ...bad });
      walk(v, at, issues);
    }
  }
}

/** Checks the decoded path segments and every query value. */
function checkUrl(url: string): void {
  const u = new URL(url);
  const issues: Issue[] = [];
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    throw refuse('path', [{ path: 'path', code: 'invalid_encoding', message: 'is not valid percent-encoded UTF-8' }]);
  }
  const badPath = badText(path, LIMITS.urlValue);
  if (badPath) issues.push({ path: 'path', ...badPath });
  for (const [k, v] of u.searchParams) {
    const bad = badText(k, 200) ?? badText(v, LIMITS.urlValue);
    if (bad) issues.push({ path: k.slice(0, 40), ...bad });
  }
  if (issues.length) throw refuse('URL', issues);
}

export function inputGuard(): MiddlewareHandler {
  return async (c, next) => {
    checkUrl(c.req.url);
    // A multipart upload (imports) is a file, not JSON: reading it as text here would re-encode
    // its bytes (a Windows-1252 CSV, an .xlsx zip) before the route reads them.
    const multipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.raw.body && !multipart) {
      const text = await c.req.text();
      if (text.trim() !== '') {
        if (jsonDepth(text, LIMITS.depth) > LIMITS.depth) {
          throw refuse('body', [{ path: '', code: 'too_deep', message: `nests JSON deeper than ${LIMITS.depth} levels` }]);
        }
        let parsed: unknown;
        let ok = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          ok = false; // not JSON: the route answers `invalid_json` (or accepts an empty body)
        }
        if (ok) {
          const issues: Issue[] = [];
          walk(parsed, '', issues);
          if (issues.length) throw refuse('body', issues);
        }
      }
    }
    await next();
  };
}

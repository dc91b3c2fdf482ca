import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** The origins of `CORS_ORIGINS` (comma-separated), trimmed, without a trailing slash. */
export function parseOrigins(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * CORS for `/api` and `/sync`, or null when no cross-origin caller is configured.
 *
 * Unset `CORS_ORIGINS` means same-origin only: no `Access-Control-Allow-Origin` is ever sent, so a
 * page on another origin (or a sandboxed `null` origin) cannot read any answer. When set, only
 * the listed origins are echoed; `null` is never one of them (env.ts refuses it) and credentials
 * are never allowed (the API uses bearer tokens, not cookies).
 */
export function corsFor(raw: string): MiddlewareHandler | null {
  const origins = parseOrigins(raw);
  if (origins.length === 0) return null;
  return cors({ origin: (o) => (o !== 'null' && origins.includes(o) ? o : null), credentials: false, maxAge: 600 });
}

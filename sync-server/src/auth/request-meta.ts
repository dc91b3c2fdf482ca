import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Who is asking, for throttling and the audit trail. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/**
 * The peer address of the TCP connection. X-Forwarded-For is deliberately ignored: it is
 * client-controlled unless a trusted proxy sets it, and trusting it blindly would let an attacker
 * pick a fresh rate-limit bucket per request. Behind a proxy every client shares the proxy's
 * address (so the per-email bucket is then the effective limit).
 */
export function requestMeta(c: Context): RequestMeta {
  let ip: string | undefined;
  try {
    ip = getConnInfo(c).remote.address;
  } catch {
    ip = undefined; // not running on the Node adapter (e.g. app.request in a unit test)
  }
  const meta: RequestMeta = { requestId: c.get('requestId') };
  if (ip) meta.ip = ip;
  const ua = c.req.header('user-agent');
  if (ua) meta.userAgent = ua.slice(0, 200);
  return meta;
}

/** The audit `after` payload for a session event: where it came from, never credentials. */
export function origin(meta: RequestMeta): Record<string, string> {
  const out: Record<string, string> = {};
  if (meta.ip) out.ip = meta.ip;
  if (meta.userAgent) out.user_agent = meta.userAgent;
  return out;
}

import { sign, verify } from 'hono/jwt';
import { ROLES, uuid, type Role } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';

const ALG = 'HS256' as const;

/**
 * Signs a short-lived access token. `ims` is the issue time in milliseconds (`iat` has only
 * seconds): revocation compares it with the user's cutoff (see revocation.ts), and `issuedAtMs`
 * lets a session opened right after a cutoff be dated just after it. `sid` is the session's
 * refresh-token family: signing that one session out ("sign out this device") refuses its access
 * tokens too (revocation.ts, SessionEndCache).
 */
export async function signAccessToken(
  user: AuthUser,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
  issuedAtMs = now,
  sessionId?: string,
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return sign(
    { sub: user.id, dlr: user.dealership_id, role: user.role, email: user.email, typ: 'access', iat, ims: issuedAtMs, exp: iat + ttlSeconds, ...(sessionId ? { sid: sessionId } : {}) },
    secret,
    ALG,
  );
}

export type TokenCheck =
  | { ok: true; user: AuthUser; issuedAtMs: number; exp: number; /** The refresh-token family, when the token names one. */ sessionId: string | null }
  | { ok: false; code: 'token_expired' | 'invalid_token' };

const isUuid = (v: unknown): v is string => typeof v === 'string' && uuid.safeParse(v).success;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** A verified token's issue time (epoch ms): `ims` when present, else `iat`. */
export function tokenIssuedAtMs(p: { ims?: unknown; iat?: unknown }): number {
  if (isTime(p.ims)) return p.ims;
  return isTime(p.iat) ? p.iat * 1000 : 0;
}

/**
 * Verifies an access token's signature, expiry and shape. A token is refused (`invalid_token`)
 * unless it has an `exp`, an `iat`, a UUID subject and dealership, a known role and `typ: access`:
 * a correctly signed token missing any of these is never accepted.
 */
export async function verifyAccessToken(token: string, secret: string, now = Date.now()): Promise<TokenCheck> {
  const cached = verified.get(token);
  if (cached && cached.secret === secret) {
    if (cached.check.exp * 1000 > now) return cached.check;
    verified.delete(token);
    return { ok: false, code: 'token_expired' };
  }
  const check = await verifySignature(token, secret);
  if (check.ok) {
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, { secret, check });
  }
  return check;
}

/**
 * Tokens whose signature and shape were already checked, until they expire (issue 17): a device
 * pulls several times a second under load, and an HMAC check through WebCrypto cost about a tenth
 * of a busy instance's CPU. Only the signature is cached: revocation (a signed-out session, a
 * deactivated user) is still checked on every request by the auth middleware. Oldest out first.
 */
const VERIFIED_MAX = 5000;
const verified = new Map<string, { secret: string; check: Extract<TokenCheck, { ok: true }> }>();

async function verifySignature(token: string, secret: string): Promise<TokenCheck> {
  try {
    const p = await verify(token, secret, ALG);
    if (p.typ !== 'access' || !isUuid(p.sub) || !isUuid(p.dlr) || !isTime(p.exp) || !isTime(p.iat)) return { ok: false, code: 'invalid_token' };
    if (!ROLES.includes(p.role as Role)) return { ok: false, code: 'invalid_token' };
    const sid = p.sid;
    if (sid !== undefined && !isUuid(sid)) return { ok: false, code: 'invalid_token' };
    const issuedAtMs = tokenIssuedAtMs(p);
    return { ok: true, issuedAtMs, exp: p.exp, sessionId: sid ?? null, user: { id: p.sub, dealership_id: p.dlr, role: p.role as Role, email: typeof p.email === 'string' ? p.email : '' } };
  } catch (err) {
    const name = (err as Error)?.name ?? '';
    return { ok: false, code: name === 'JwtTokenExpired' ? 'token_expired' : 'invalid_token' };
  }
}

import { sign, verify } from 'hono/jwt';
import { ROLES, type Role } from '@lotbook/shared';
import type { AuthUser } from '../context.ts';

const ALG = 'HS256' as const;

/** Signs a short-lived access token. */
export async function signAccessToken(user: AuthUser, secret: string, ttlSeconds: number, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return sign(
    { sub: user.id, dlr: user.dealership_id, role: user.role, email: user.email, typ: 'access', iat, exp: iat + ttlSeconds },
    secret,
    ALG,
  );
}

export type TokenCheck = { ok: true; user: AuthUser } | { ok: false; code: 'token_expired' | 'invalid_token' };

/** Verifies an access token's signature, expiry and shape. */
export async function verifyAccessToken(token: string, secret: string): Promise<TokenCheck> {
  try {
    const p = await verify(token, secret, ALG);
    if (p.typ !== 'access' || typeof p.sub !== 'string' || typeof p.dlr !== 'string') return { ok: false, code: 'invalid_token' };
    if (!ROLES.includes(p.role as Role)) return { ok: false, code: 'invalid_token' };
    return { ok: true, user: { id: p.sub, dealership_id: p.dlr, role: p.role as Role, email: String(p.email ?? '') } };
  } catch (err) {
    const name = (err as Error)?.name ?? '';
    return { ok: false, code: name === 'JwtTokenExpired' ? 'token_expired' : 'invalid_token' };
  }
}

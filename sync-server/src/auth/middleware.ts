import type { MiddlewareHandler } from 'hono';
import type { Role } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { ApiError, forbidden, unauthorized } from '../http/errors.ts';
import { revocationCache, sessionEndCache } from './revocation.ts';
import { verifyAccessToken } from './tokens.ts';

export const sessionRevoked = () =>
  new ApiError(401, 'session_revoked', 'This session was ended (signed out, account deactivated or password changed); log in again');

/**
 * Requires `Authorization: Bearer <access token>` (or `?access_token=` for EventSource, which
 * cannot send headers). Sets `c.var.user`. Answers 401 `token_expired` so clients know to refresh,
 * and 401 `session_revoked` when the user was deactivated, deleted or changed their password
 * after the token was issued, or when the token's session was signed out (checked on every request against a cache of a few seconds, see
 * revocation.ts). Every REST and sync route, and the SSE stream, authenticate here.
 */
export function requireAuth(ctx: AppContext): MiddlewareHandler {
  const revocation = revocationCache(ctx);
  const sessions = sessionEndCache(ctx);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? c.req.query('access_token');
    if (!token) throw unauthorized();
    const check = await verifyAccessToken(token, ctx.jwtSecret);
    if (!check.ok) {
      throw new ApiError(401, check.code, check.code === 'token_expired' ? 'The access token has expired' : 'The access token is invalid');
    }
    const state = await revocation.get(check.user.id);
    if (!state || !state.active || state.dealershipId !== check.user.dealership_id || check.issuedAtMs <= state.validAfterMs) {
      throw sessionRevoked();
    }
    // This session (this device's login) was signed out: "sign out this device", a logout.
    if (check.sessionId && (await sessions.ended(check.sessionId))) throw sessionRevoked();
    // A changed role: the client refreshes and gets a token with the current role.
    if (state.role !== check.user.role) throw new ApiError(401, 'token_expired', 'The account changed; refresh the access token');
    c.set('user', check.user);
    c.set('sessionId', check.sessionId);
    await next();
  };
}

/** Allows only the given roles; dealership isolation is enforced by every query using c.var.user. */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    if (!roles.includes(c.get('user').role)) throw forbidden(`This requires one of the roles: ${roles.join(', ')}`);
    await next();
  };
}

export const WRITER_ROLES: Role[] = ['admin', 'manager', 'sales'];
export const MANAGER_ROLES: Role[] = ['admin', 'manager'];

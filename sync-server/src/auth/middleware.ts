import type { MiddlewareHandler } from 'hono';
import type { Role } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { ApiError, forbidden, unauthorized } from '../http/errors.ts';
import { verifyAccessToken } from './tokens.ts';

/**
 * Requires `Authorization: Bearer <access token>` (or `?access_token=` for EventSource, which
 * cannot send headers). Sets `c.var.user`. Answers 401 `token_expired` so clients know to refresh.
 */
export function requireAuth(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? c.req.query('access_token');
    if (!token) throw unauthorized();
    const check = await verifyAccessToken(token, ctx.jwtSecret);
    if (!check.ok) {
      throw new ApiError(401, check.code, check.code === 'token_expired' ? 'The access token has expired' : 'The access token is invalid');
    }
    c.set('user', check.user);
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

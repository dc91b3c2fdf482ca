import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError, readJson } from '../http/errors.ts';
import { requireAuth } from './middleware.ts';
import { changePasswordBody, loginBody, logoutBody, refreshBody } from './schemas.ts';
import { changePassword, currentAccount, login, LoginThrottle, logout, refreshSession, requestMeta } from './service.ts';

/** A 429 from the throttle carries its wait as a Retry-After header too. */
async function withRetryAfter<T>(c: Context, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError && err.status === 429) c.header('Retry-After', String(err.details?.retry_after ?? 60));
    throw err;
  }
}

/** An empty body means `{}`; anything else must be valid JSON for the schema. */
async function readOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  if ((await c.req.text()).trim() === '') return schema.parse({});
  return readJson(c, schema);
}

/** Login, token refresh, logout, the caller's profile and password change. Mounted at /api/v1/auth. */
export function authRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  // One throttle per app instance: tests start several servers in one process.
  const throttle = new LoginThrottle(ctx.env.LOGIN_RATE_LIMIT, ctx.env.LOGIN_RATE_WINDOW_SECONDS);
  const auth = requireAuth(ctx);

  app.post('/login', async (c) => {
    const input = await readJson(c, loginBody);
    return c.json(await withRetryAfter(c, () => login(ctx, throttle, input, requestMeta(c))));
  });

  app.post('/refresh', async (c) => {
    const { refresh_token } = await readJson(c, refreshBody);
    return c.json(await refreshSession(ctx, refresh_token, requestMeta(c)));
  });

  app.post('/logout', auth, async (c) => {
    const input = await readOptionalJson(c, logoutBody);
    await logout(ctx, c.get('user'), input, requestMeta(c));
    return c.body(null, 204);
  });

  app.get('/me', auth, async (c) => {
    const { user, dealership } = await currentAccount(ctx, c.get('user'));
    return c.json({ user, dealership });
  });

  app.post('/change-password', auth, async (c) => {
    const input = await readJson(c, changePasswordBody);
    // The other sessions end; this device carries on with the fresh session in the answer.
    return c.json(await withRetryAfter(c, () => changePassword(ctx, throttle, c.get('user'), input, requestMeta(c))));
  });

  return app;
}

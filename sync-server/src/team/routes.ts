import { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import { readJson } from '../http/errors.ts';
import { setPasswordBody, tokenBody } from '../dealership/schemas.ts';
import { checkPasswordLink, setPasswordFromLink } from './set-password.ts';

/** Public one-time "set your password" links, mounted at /api/v1/password-links. */
export function passwordLinkRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.post('/check', async (c) => {
    const { token } = await readJson(c, tokenBody);
    return c.json(await checkPasswordLink(ctx.db, token));
  });
  app.post('/use', async (c) => {
    const { token, password } = await readJson(c, setPasswordBody);
    return c.json(await setPasswordFromLink(ctx.db, token, password));
  });
  return app;
}

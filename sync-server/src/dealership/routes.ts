import { Hono } from 'hono';
import type { AppContext, AuthUser } from '../context.ts';
import { readJson } from '../http/errors.ts';
import { setupBody, tokenBody } from './schemas.ts';
import { checkSetupLink, hasDealership, setupDone, setupFromLink } from './setup.ts';
import { requireAuth, requireRole } from '../auth/middleware.ts';
import { dealershipPatch, readDealership, updateDealership } from './settings.ts';
import { logoAdminRoutes, readLogoUrl } from './logo.ts';

/** First-run setup, mounted at /api/v1/setup. Once a dealership exists every route answers 404 `setup_done`. */
export function setupRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    c.header('cache-control', 'no-store');
    if (await hasDealership(ctx.db)) throw setupDone();
    await next();
  });

  app.post('/check', async (c) => {
    const { token } = await readJson(c, tokenBody);
    await checkSetupLink(ctx.db, token);
    return c.json({ ok: true });
  });

  app.post('/', async (c) => {
    const input = await readJson(c, setupBody);
    const out = await setupFromLink(ctx.db, input.token, input.dealership, input.admin);
    ctx.log.info({ dealership_id: out.dealership_id }, 'first-run setup completed');
    return c.json({ dealership_id: out.dealership_id, user_id: out.user_id, email: input.admin.email }, 201);
  });
  return app;
}

/** The caller's dealership, mounted at /api/v1/dealership: everyone reads it, admins change it. */
export function dealershipRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  // The logo lives in its own table (dealership/logo.ts); its address joins the settings here.
  const withLogo = async (me: AuthUser, d: Awaited<ReturnType<typeof readDealership>>) => ({ ...d, logo_url: await readLogoUrl(ctx, me.dealership_id) });
  app.get('/', async (c) => c.json(await withLogo(c.get('user'), await readDealership(ctx, c.get('user')))));
  app.patch('/', requireRole('admin'), async (c) => c.json(await withLogo(c.get('user'), await updateDealership(ctx, c.get('user'), await readJson(c, dealershipPatch), c.get('requestId')))));
  app.route('/logo', logoAdminRoutes(ctx));
  return app;
}

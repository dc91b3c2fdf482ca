import { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import { requireAuth } from '../auth/middleware.ts';
import { readQuery } from '../http/errors.ts';
import { dashboard } from './dashboard.ts';
import { periodQuery } from './query.ts';
import { analyticsScope } from './scope.ts';

/** Analytics, mounted at /api/v1/analytics. Read-only for every role; figures follow scope.ts. */
export function analyticsRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  app.get('/dashboard', async (c) => c.json(await dashboard(ctx.db, analyticsScope(c.get('user')), readQuery(c, periodQuery))));
  app.get('/dashboard/', async (c) => c.json(await dashboard(ctx.db, analyticsScope(c.get('user')), readQuery(c, periodQuery))));
  return app;
}

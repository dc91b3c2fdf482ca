import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireAuth } from '../auth/middleware.ts';
import { readQuery } from '../http/errors.ts';
import { inventoryAging } from './aging.ts';
import { dashboard } from './dashboard.ts';
import { leadsFunnel } from './funnel.ts';
import { periodQuery } from './query.ts';
import { analyticsScope } from './scope.ts';
import { sellers } from './sellers.ts';

const noQuery = z.strictObject({});
const scoped = (c: Context) => analyticsScope(c.get('user'));

/** Analytics, mounted at /api/v1/analytics. Read-only for every role; figures follow scope.ts. */
export function analyticsRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  const dash = async (c: Context) => c.json(await dashboard(ctx.db, scoped(c), readQuery(c, periodQuery)));
  app.get('/dashboard', dash);
  app.get('/dashboard/', dash);
  app.get('/sellers', async (c) => c.json(await sellers(ctx.db, scoped(c), readQuery(c, periodQuery))));
  app.get('/leads-funnel', async (c) => c.json(await leadsFunnel(ctx.db, scoped(c), readQuery(c, periodQuery))));
  app.get('/inventory-aging', async (c) => {
    readQuery(c, noQuery);
    return c.json(await inventoryAging(ctx.db, scoped(c)));
  });
  return app;
}

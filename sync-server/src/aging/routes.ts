import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { readQuery } from '../http/errors.ts';
import { agingReport } from './service.ts';

const agingQuery = z.strictObject({ min_days: z.coerce.number().int().min(0).max(36_500).default(0) });

/** Aged inventory, mounted at /api/v1/aging: buckets and cars by days in stock with price suggestions (managers and admins). */
export function agingRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx), requireRole(...MANAGER_ROLES));
  app.get('/', async (c) => {
    const q = readQuery(c, agingQuery);
    return c.json(await agingReport(ctx.db, c.get('user').dealership_id, new Date(), q.min_days));
  });
  return app;
}

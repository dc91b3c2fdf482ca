import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireAuth } from '../auth/middleware.ts';
import { dealerships } from '../db/schema.ts';
import { readQuery } from '../http/errors.ts';
import { COLUMNS, EXPORT_ENTITIES, exportQuery, selection } from './entities.ts';
import { batches, csvStream, xlsxStream } from './write.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streamed exports, mounted at /api/v1/exports/:entity (inventory, leads, customers, sales), as
 * `?format=csv` (default) or `xlsx`. Every role may export what it may see: a salesperson's
 * export follows their sync scope, and `cost` is left out for reps and viewers.
 */
export function exportRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  app.get('/:entity', async (c) => {
    const entity = z.enum(EXPORT_ENTITIES).safeParse(c.req.param('entity'));
    if (!entity.success) return c.json({ error: 'not_found', message: `No export named "${c.req.param('entity').slice(0, 40)}"; use ${EXPORT_ENTITIES.join(', ')}` }, 404);
    const q = readQuery(c, exportQuery);
    const user = c.get('user');
    const sel = selection(entity.data, user, q, c.req.query());
    const columns = COLUMNS[entity.data];
    const rows = batches(ctx.db, sel, entity.data, user.role);
    const stamp = new Date().toISOString().slice(0, 10);
    const name = `lotbook-${entity.data}-${stamp}.${q.format}`;
    const headers = { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' };
    if (q.format === 'xlsx') {
      const [d] = await ctx.db.orm.select({ currency: dealerships.currency }).from(dealerships).where(eq(dealerships.id, user.dealership_id));
      return new Response(xlsxStream(rows, columns, entity.data, d?.currency ?? 'EUR'), { headers: { ...headers, 'content-type': XLSX } });
    }
    return new Response(csvStream(rows, columns), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  });
  return app;
}

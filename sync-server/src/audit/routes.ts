import { Hono } from 'hono';
import { z } from 'zod';
import { uuid } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { readQuery } from '../http/errors.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { listAudit } from './query.ts';

const querySchema = z.object({
  entity: z.string().max(100).optional(),
  entity_id: z.string().max(100).optional(),
  user_id: uuid.optional(),
  action: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

/** The `next`/`previous` links of the spec's paginated shape: the same URL on another page. */
function pageUrl(current: string, page: number): string {
  const url = new URL(current);
  url.searchParams.set('page', String(page));
  return url.toString();
}

/** The audit trail of the caller's dealership, for admins and managers. Mounted at /api/v1/audit. */
export function auditRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx), requireRole(...MANAGER_ROLES));
  app.get('/', async (c) => {
    const q = readQuery(c, querySchema);
    const { count, results } = await listAudit(ctx.db, c.get('user').dealership_id, q);
    const hasNext = q.page * q.page_size < count;
    return c.json({
      count,
      next: hasNext ? pageUrl(c.req.url, q.page + 1) : null,
      previous: q.page > 1 ? pageUrl(c.req.url, q.page - 1) : null,
      results,
    });
  });
  return app;
}

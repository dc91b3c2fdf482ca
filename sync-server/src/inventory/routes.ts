import { Hono, type Context } from 'hono';
import { uuid } from '@lotbook/shared';
import type { AppContext } from '../context.ts';
import { requireAuth } from '../auth/middleware.ts';
import { ApiError, notFound, readQuery } from '../http/errors.ts';
import { vehicleListQuery } from './query.ts';
import { getVehicle, listVehicles } from './service.ts';
import { withoutHidden } from '../security/visibility.ts';

/** `url` with its `page` parameter set to `page` (other parameters kept as sent). */
function pageUrl(url: string, page: number): string {
  const u = new URL(url);
  u.searchParams.set('page', String(page));
  return u.toString();
}

/** `{count, next, previous, results}`; next/previous are absolute URLs, null at the ends. */
async function listPage(ctx: AppContext, c: Context): Promise<Response> {
  const q = readQuery(c, vehicleListQuery);
  const { dealership_id, role } = c.get('user');
  const page = await listVehicles(ctx.db, dealership_id, q);
  const lastPage = Math.max(1, Math.ceil(page.count / page.pageSize));
  return c.json({
    count: page.count,
    next: page.page < lastPage ? pageUrl(c.req.url, page.page + 1) : null,
    previous: page.page > 1 ? pageUrl(c.req.url, Math.min(page.page - 1, lastPage)) : null,
    results: page.results.map((v) => withoutHidden('vehicles', v, role)),
  });
}

/** Inventory REST, mounted at /api/v1/vehicles. Every route needs a valid access token. */
export function vehicleRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));

  // The spec writes the list as `/api/v1/vehicles/`; an empty trailing segment serves it too.
  app.get('/', (c) => listPage(ctx, c));
  app.get('/:trailing_slash{.{0}}', (c) => listPage(ctx, c));

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    if (!uuid.safeParse(id).success) {
      throw new ApiError(400, 'validation_error', 'The vehicle id must be a UUID', { issues: [{ path: 'id', message: 'must be a UUID', code: 'invalid_format' }] });
    }
    const vehicle = await getVehicle(ctx.db, c.get('user').dealership_id, id);
    if (!vehicle) throw notFound('Vehicle');
    return c.json(withoutHidden('vehicles', vehicle, c.get('user').role));
  });

  return app;
}

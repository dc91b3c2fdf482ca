import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { ApiError, notFound, readJson, readQuery } from '../http/errors.ts';
import { routingContext, routingSettingsBody, saveRoutingSettings } from './settings.ts';
import { leadRoutingHistory, routingSummary, summaryQuery } from './summary.ts';

const noQuery = z.strictObject({});
const leadId = z.uuid();

/** Lead routing, mounted at /api/v1/routing: settings and summary for managers, a lead's explanation for whoever sees the lead. */
export function routingRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx));
  app.get('/settings', requireRole(...MANAGER_ROLES), async (c) => {
    readQuery(c, noQuery);
    const rc = await routingContext(ctx.db, c.get('user').dealership_id);
    if (!rc) throw notFound('Dealership');
    return c.json(rc.settings);
  });
  app.put('/settings', requireRole(...MANAGER_ROLES), async (c) => c.json(await saveRoutingSettings(ctx.db, c.get('user').dealership_id, await readJson(c, routingSettingsBody))));
  app.get('/summary', requireRole(...MANAGER_ROLES), async (c) => {
    const q = readQuery(c, summaryQuery);
    return c.json(await routingSummary(ctx.db, c.get('user').dealership_id, q.from, q.to));
  });
  app.get('/leads/:id', async (c) => {
    readQuery(c, noQuery);
    const id = leadId.safeParse(c.req.param('id'));
    if (!id.success) throw new ApiError(400, 'validation_error', 'The id must be a UUID');
    const user = c.get('user');
    // A salesperson sees the explanation of the leads they pull: theirs and the pool's.
    const [lead] = await ctx.db.rows<{ assigned_to: string | null }>(sql`
      SELECT assigned_to::text FROM leads WHERE id = ${id.data}::uuid AND dealership_id = ${user.dealership_id}::uuid AND NOT deleted`);
    if (!lead || (user.role === 'sales' && lead.assigned_to !== null && lead.assigned_to !== user.id)) throw notFound('Lead');
    return c.json({ lead_id: id.data, moves: await leadRoutingHistory(ctx.db, user.dealership_id, id.data) });
  });
  return app;
}

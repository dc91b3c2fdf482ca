import { Hono } from 'hono';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Scheduled jobs, mounted at /api/v1/jobs, for managers and admins: the list with each job's
 * status, and "run now", which goes through the same database lease as the schedule (a run in
 * progress anywhere answers 409) and covers the caller's dealership only.
 */
export function jobRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', requireAuth(ctx), requireRole(...MANAGER_ROLES));
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.get('/', async (c) => c.json({ enabled: ctx.env.ENABLE_SCHEDULED_TASKS, jobs: await ctx.scheduler.status() }));
  app.post('/:name/run', async (c) => {
    const name = c.req.param('name');
    if (!ctx.scheduler.has(name)) throw new ApiError(404, 'not_found', `No job named "${name.slice(0, 60)}"`);
    const out = await ctx.scheduler.runNow(name, { dealershipId: c.get('user').dealership_id });
    if (!out.ran) throw new ApiError(409, 'job_running', 'This job is running right now; try again when it has finished');
    return c.json({ run: out.run });
  });
  return app;
}

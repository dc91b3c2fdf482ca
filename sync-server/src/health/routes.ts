import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { dealershipSyncHealth } from './details.ts';

/**
 * Liveness and readiness for probes, a bare status for anyone, and details for an admin.
 *
 * Nothing public says anything about a dealership: device and rejection counts and the change
 * sequence used to be on `/health` for every caller. They are now on `/health/details`, for an
 * authenticated admin, counted within the admin's own dealership.
 */
export function healthRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const tasks = async () => ({
    enabled: ctx.env.ENABLE_SCHEDULED_TASKS,
    tasks: await ctx.scheduler.status().catch(() => null),
  });
  app.get('/live', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    try {
      const rows = await ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      return c.json({ status: 'ready', migrations: rows[0]?.n ?? 0 });
    } catch {
      return c.json({ status: 'not_ready', error: 'database_unavailable', message: 'The database is not reachable or not migrated' }, 503);
    }
  });
  // Public: only whether the service is up. With a manager's or admin's token, also every
  // scheduled job (last run, next run, last error, failure count) and whether email is on.
  const auth = requireAuth(ctx);
  const managers = requireRole(...MANAGER_ROLES);
  app.get('/', async (c) => {
    let staff = false;
    // Any other caller (no token, a bad one, another role) gets the bare status, never an error.
    if (c.req.header('authorization')) await auth(c, async () => {
        await managers(c, async () => {
          staff = true;
        });
      }).catch(() => undefined);
    const ok = await ctx.db.rows(sql`select 1`).then(
      () => true,
      () => false,
    );
    c.header('cache-control', 'no-store');
    const status = ok ? 'ok' : 'degraded';
    return c.json(staff ? { status, jobs: await tasks(), email: { enabled: ctx.delivery.email } } : { status });
  });
  // Each scheduled job: last run, next run, last error, failure count (managers and admins).
  app.get('/tasks', auth, managers, async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await tasks());
  });
  app.get('/details', requireAuth(ctx), requireRole('admin'), async (c) => {
    let database: Record<string, unknown>;
    try {
      const started = performance.now();
      await ctx.db.rows(sql`select 1`);
      database = { status: 'ok', kind: ctx.db.kind, vector: ctx.vector, latency_ms: Math.round(performance.now() - started) };
    } catch {
      database = { status: 'error', kind: ctx.db.kind };
    }
    c.header('cache-control', 'no-store');
    return c.json({
      status: database.status === 'ok' ? 'ok' : 'degraded',
      uptime_s: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      database,
      sync: await dealershipSyncHealth(ctx, c.get('user').dealership_id).catch(() => ({ status: 'error' })),
      jobs: await tasks(),
      process: memory(),
    });
  });
  return app;
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

function memory() {
  const m = process.memoryUsage();
  return { rss_mb: mb(m.rss), heap_used_mb: mb(m.heapUsed), heap_total_mb: mb(m.heapTotal), external_mb: mb(m.external) };
}

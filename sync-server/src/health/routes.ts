import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { syncHealth } from '../sync/stats.ts';

/** Liveness, readiness and a detailed view for operators. */
export function healthRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/live', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    try {
      const rows = await ctx.db.rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      return c.json({ status: 'ready', migrations: rows[0]?.n ?? 0 });
    } catch {
      return c.json({ status: 'not_ready', error: 'database_unavailable', message: 'The database is not reachable or not migrated' }, 503);
    }
  });
  app.get('/', async (c) => {
    let database: Record<string, unknown>;
    try {
      const started = performance.now();
      await ctx.db.rows(sql`select 1`);
      database = { status: 'ok', kind: ctx.db.kind, vector: ctx.vector, latency_ms: Math.round(performance.now() - started) };
    } catch {
      database = { status: 'error', kind: ctx.db.kind };
    }
    return c.json({
      status: database.status === 'ok' ? 'ok' : 'degraded',
      uptime_s: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      database,
      sync: await syncHealth(ctx).catch(() => ({ status: 'error' })),
      jobs: { status: 'not_configured' },
      process: memory(),
    });
  });
  return app;
}

function memory() {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return { rss_mb: mb(m.rss), heap_used_mb: mb(m.heapUsed), heap_total_mb: mb(m.heapTotal), external_mb: mb(m.external) };
}

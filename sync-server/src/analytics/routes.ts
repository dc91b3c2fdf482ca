import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { MANAGER_ROLES, requireAuth, requireRole } from '../auth/middleware.ts';
import { readJson, readQuery } from '../http/errors.ts';
import { commissionPlan, monthParam, readPlan, readTargets, targetsBody, writePlan, writeTargets } from './commission.ts';
import { inventoryAging } from './aging.ts';
import { dashboard } from './dashboard.ts';
import { leadsFunnel } from './funnel.ts';
import { csvQuery, forecastQuery, periodQuery } from './query.ts';
import { forecast } from './forecast.ts';
import { restock, restockQuery } from './restock.ts';
import { csv, workbook } from './report.ts';
import { reportTables } from './report-tables.ts';
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
  // Commission plan and monthly targets: everyone may read their own view, managers set them.
  app.get('/commission', async (c) => c.json({ commission: await readPlan(ctx.db, c.get('user').dealership_id) }));
  app.put('/commission', requireRole(...MANAGER_ROLES), async (c) => {
    const plan = await readJson(c, commissionPlan);
    await writePlan(ctx.db, c.get('user').dealership_id, plan);
    return c.json({ commission: plan });
  });
  app.get('/targets', async (c) => {
    const { month } = readQuery(c, z.strictObject({ month: monthParam }));
    const user = c.get('user');
    const all = await readTargets(ctx.db, user.dealership_id, month);
    const list = [...all.entries()].filter(([id]) => user.role !== 'sales' || id === user.id).map(([user_id, t]) => ({ user_id, ...t }));
    return c.json({ month, targets: list });
  });
  app.put('/targets', requireRole(...MANAGER_ROLES), async (c) => {
    const body = await readJson(c, targetsBody);
    await writeTargets(ctx.db, c.get('user').dealership_id, c.get('user').id, body);
    return c.json({ month: body.month, targets: body.targets });
  });
  app.get('/restock', async (c) => c.json(await restock(ctx.db, scoped(c), readQuery(c, restockQuery))));
  app.get('/forecast', async (c) => c.json(await forecast(ctx.db, scoped(c), readQuery(c, forecastQuery))));
  app.get('/report.xlsx', async (c) => {
    const q = readQuery(c, periodQuery);
    const r = await reportTables(ctx.db, scoped(c), q);
    const body = await workbook(r.tables, r.currency, r.period);
    return c.body(new Uint8Array(body), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="lotbook-${q.period}.xlsx"`,
    });
  });
  app.get('/report.csv', async (c) => {
    const { table, ...q } = readQuery(c, csvQuery);
    const r = await reportTables(ctx.db, scoped(c), q);
    const t = r.tables.find((x) => x.name === table);
    return c.body(t ? csv(t) : '', 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="lotbook-${table}-${q.period}.csv"`,
    });
  });
  return app;
}
